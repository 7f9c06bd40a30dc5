namespace FinOps.Storage.Metrics;

/// <summary>Where the bot looks for business-metrics CSVs and how often (configuration section <c>Metrics</c>).</summary>
public sealed class BusinessMetricsOptions
{
    public const string SectionName = "Metrics";

    public const string DefaultFolderName = "metrics";

    /// <summary>The folder the running bot watches for <c>*.csv</c> files. Default: a <c>metrics</c> folder next to <c>Storage:DatabasePath</c>.</summary>
    public string? WatchFolder { get; set; }

    /// <summary>How often the folder is checked for new or changed files (default 10 seconds).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The watched folder's full path: <see cref="WatchFolder"/> (relative to the working directory), else <c>metrics</c> next to the database.</summary>
    public string ResolveFolder(string databasePath)
    {
        if (!string.IsNullOrWhiteSpace(WatchFolder))
        {
            return Path.GetFullPath(WatchFolder);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath)) ?? Directory.GetCurrentDirectory();
        return Path.Combine(folder, DefaultFolderName);
    }
}
