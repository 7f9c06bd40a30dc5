namespace FinOps.Storage.Data;

/// <summary>How far the data of one billing account, synced from one source, reaches.</summary>
public sealed class IngestionFreshnessEntity
{
    public required string Source { get; set; }

    public required string Provider { get; set; }

    public required string BillingAccountId { get; set; }

    /// <summary>The latest charge day stored for the account from this source.</summary>
    public DateOnly LastChargeDay { get; set; }

    /// <summary>The last day whose charges are complete: the day before the latest charge day, or the latest one when it closes its billing period.</summary>
    public DateOnly LastCompleteDay { get; set; }
}
