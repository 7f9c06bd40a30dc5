namespace FinOps.Storage.Metrics;

/// <summary>How importing one business-metrics file ended.</summary>
public enum BusinessMetricImportStatus
{
    /// <summary>The file's values are stored (replacing earlier values of the same metric, team and date).</summary>
    Imported,

    /// <summary>The same bytes from the same path were imported before; nothing was done.</summary>
    Unchanged,

    /// <summary>The file was rejected; nothing from it was stored.</summary>
    Failed,
}
