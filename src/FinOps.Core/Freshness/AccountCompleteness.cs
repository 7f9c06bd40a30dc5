namespace FinOps.Core.Freshness;

/// <summary>How far one billing account's synced data is complete.</summary>
/// <param name="Provider">The FOCUS <c>ProviderName</c> as stored (for example <c>AWS</c>).</param>
/// <param name="BillingAccountId">The FOCUS <c>BillingAccountId</c>.</param>
/// <param name="LastChargeDay">The latest charge day delivered.</param>
/// <param name="LastCompleteDay">The last day whose charges are complete.</param>
public sealed record AccountCompleteness(string Provider, string BillingAccountId, DateOnly LastChargeDay, DateOnly LastCompleteDay);
