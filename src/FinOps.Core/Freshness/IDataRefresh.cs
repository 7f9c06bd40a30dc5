namespace FinOps.Core.Freshness;

/// <summary>Pulls new cost data from the configured ingestion sources now (an admin's "refresh the cost data").</summary>
public interface IDataRefresh
{
    /// <summary>The enabled sources a refresh syncs, by name; empty when none is configured.</summary>
    IReadOnlyList<string> Sources { get; }

    /// <summary>Syncs every enabled source, one after another; a source that cannot be read is reported, not thrown.</summary>
    Task<IReadOnlyList<SourceRefresh>> RefreshAsync(CancellationToken cancellationToken);
}
