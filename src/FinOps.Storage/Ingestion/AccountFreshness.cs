namespace FinOps.Storage.Ingestion;

/// <summary>How far one billing account's synced data reaches.</summary>
/// <param name="Provider">The FOCUS provider name.</param>
/// <param name="BillingAccountId">The billing account.</param>
/// <param name="LastChargeDay">The latest charge day stored.</param>
/// <param name="LastCompleteDay">The last day whose charges are complete (the latest charge day may still grow).</param>
public sealed record AccountFreshness(string Provider, string BillingAccountId, DateOnly LastChargeDay, DateOnly LastCompleteDay);
