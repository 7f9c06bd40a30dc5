namespace FinOps.Storage.Ingestion;

/// <summary>One run's staging folder, claimed by its open lock file (<see cref="StagingArea"/>); disposing deletes both.</summary>
internal sealed class StagingFolder(string path, FileStream claim) : IDisposable
{
    public string Path { get; } = path;

    /// <summary>Deletes the folder, then releases (and deletes) the claim; a folder that cannot be deleted is left to the next sync's clean-up.</summary>
    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        finally
        {
            claim.Dispose();
        }
    }
}
