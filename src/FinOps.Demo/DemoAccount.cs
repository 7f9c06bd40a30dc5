namespace FinOps.Demo;

/// <summary>A sub-account of the demo organisation (AWS account, Azure subscription, GCP project, OCI compartment).</summary>
/// <remarks>
/// <see cref="TeamKey"/> is the team a hierarchy rule should give the whole sub-account to; it is null for
/// accounts several teams share (their rows carry team tags, or belong to a shared-cost pool).
/// Provider values are FOCUS ProviderName values: <c>AWS</c>, <c>Microsoft</c>, <c>Google Cloud</c>, <c>Oracle</c>.
/// </remarks>
public sealed record DemoAccount(
    string Provider,
    string BillingAccountId,
    string BillingAccountName,
    string SubAccountId,
    string SubAccountName,
    string SubAccountType,
    string? TeamKey,
    string Environment,
    string BillingCurrency)
{
    /// <summary>True when the account has no single owning team.</summary>
    public bool IsShared => TeamKey is null;
}
