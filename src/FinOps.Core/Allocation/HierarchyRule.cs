namespace FinOps.Core.Allocation;

/// <summary>Rule kind 2: rows of a place in the billing hierarchy belong to <see cref="Team"/>.</summary>
/// <remarks>
/// Every field that is set must match (AND); each field lists values or glob patterns (<c>*</c>, <c>?</c>), any of
/// which may match (OR), trimmed and case-insensitive. Values are compared as the cost store shows them:
/// billing account is BillingAccountName (else its id), account is SubAccountName (else SubAccountId), resource is
/// ResourceName (else ResourceId). <see cref="ResourceGroups"/> matches the Azure resource group inside a resource id
/// (<c>/resourceGroups/&lt;name&gt;/</c>).
/// </remarks>
public sealed record HierarchyRule(
    string Id,
    string Team,
    IReadOnlyList<string> Providers,
    IReadOnlyList<string> BillingAccounts,
    IReadOnlyList<string> Accounts,
    IReadOnlyList<string> ResourceGroups,
    IReadOnlyList<string> Resources,
    EffectivePeriod Effective);
