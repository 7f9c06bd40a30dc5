namespace FinOps.Storage.Import;

/// <summary>The latest charge day an import stored for one billing slice.</summary>
internal sealed record SliceLastDay(string Provider, string BillingAccountId, DateOnly BillingPeriodStart, DateOnly LastChargeDay);
