namespace FinOps.Storage.Allocation;

/// <summary>Where the allocation rules live and how often the file is checked for changes (configuration section <c>Allocation</c>).</summary>
public sealed class AllocationOptions
{
    public const string SectionName = "Allocation";

    public const string DefaultFileName = "allocation.yaml";

    /// <summary>Path of <c>allocation.yaml</c>. Default: <c>allocation.yaml</c> in the folder of <c>Storage:DatabasePath</c>. A missing file means the built-in defaults.</summary>
    public string? RulesPath { get; set; }

    /// <summary>How often the running bot checks the file for changes (default 5 seconds).</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(5);
}
