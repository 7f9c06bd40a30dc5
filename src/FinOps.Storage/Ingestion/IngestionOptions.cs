namespace FinOps.Storage.Ingestion;

/// <summary>The export locations the bot pulls FOCUS data from (configuration section <c>Ingestion</c>).</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>The sources, each pulled on its own schedule and by <c>sync</c>.</summary>
    public IList<IngestionSourceOptions> Sources { get; init; } = [];

    /// <summary>
    /// Folder where a run's parts are downloaded before they are imported (deleted after the import); default: an
    /// <c>ingestion</c> folder beside the database.
    /// </summary>
    public string? StagingPath { get; set; }
}
