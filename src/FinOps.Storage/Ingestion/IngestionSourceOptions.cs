namespace FinOps.Storage.Ingestion;

/// <summary>One export location (an item of <c>Ingestion:Sources</c>).</summary>
public sealed class IngestionSourceOptions
{
    /// <summary>Hourly, on the hour (Quartz cron, UTC).</summary>
    public const string DefaultSchedule = "0 0 * * * ?";

    /// <summary>How the source is named in <c>sync --source</c>, <c>sources</c> and messages (letters, digits, '-', '_', '.').</summary>
    public string Name { get; set; } = string.Empty;

    public IngestionSourceKind Kind { get; set; }

    public IngestionLocationOptions Location { get; init; } = new();

    /// <summary>Secrets: never logged or printed. Empty means the platform's default chain (AWS) or none (local folder).</summary>
    public IngestionCredentialsOptions Credentials { get; init; } = new();

    /// <summary>Quartz cron (UTC) of the scheduled sync; default hourly.</summary>
    public string Schedule { get; set; } = DefaultSchedule;

    /// <summary>How often the export is expected to deliver new data; default one day.</summary>
    public TimeSpan ExpectedCadence { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Whether the scheduled job pulls this source; <c>sync</c> still can. Default true.</summary>
    public bool Enabled { get; set; } = true;
}
