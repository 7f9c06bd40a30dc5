namespace FinOps.Storage.Import;

/// <summary>The outcome of <see cref="CostImporter.ImportAsync"/>: one entry per file, in the order given.</summary>
public sealed record ImportReport(IReadOnlyList<FileImportResult> Files)
{
    /// <summary>False when any file failed (the run should exit non-zero).</summary>
    public bool Succeeded => Files.All(f => f.Status != ImportStatus.Failed);
}
