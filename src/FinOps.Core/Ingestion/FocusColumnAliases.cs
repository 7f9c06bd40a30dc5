using System.Collections.Frozen;

namespace FinOps.Core.Ingestion;

/// <summary>The one table that maps column names of every FOCUS version onto <see cref="FocusColumn"/>.</summary>
/// <remarks>
/// Sources: the column IDs of the FOCUS specification (FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec) at tags
/// v0.5, v1.0-preview, v1.0, v1.1 and v1.2, and FOCUS 1.3.
/// <list type="bullet">
/// <item>FOCUS 1.0, 1.1 and 1.2 use the same names for every column read here; 1.1 and 1.2 only add columns
/// (CapacityReservation*, CommitmentDiscountQuantity/Unit, ServiceSubcategory, Sku*, InvoiceId, PricingCurrency*,
/// BillingAccountType, SubAccountType) that FocusRecord does not carry; they are accepted and ignored.</item>
/// <item>FOCUS 1.3 adds ServiceProviderName and HostProviderName and deprecates ProviderName and PublisherName;
/// its working drafts called them ServiceProvider and HostProvider.</item>
/// <item>FOCUS 0.5 (pre-1.0) names: AmortizedCost (now EffectiveCost), ChargeType (now ChargeCategory),
/// Region (now RegionId); 1.0-preview also used Region.</item>
/// <item>Exports older than FOCUS name the charge period start UsageDateTime, UsageDate, UsageStartDate or
/// UsageStartTime, and its end UsageEndDate or UsageEndTime.</item>
/// </list>
/// Matching is case-insensitive after trimming white space and byte-order marks. When a file has two columns that map
/// to the same <see cref="FocusColumn"/>, the one earlier in this table wins (the current FOCUS name first).
/// Columns whose name starts with <c>x_</c> are provider extensions and are kept in FocusRecord.Extensions.
/// </remarks>
public static class FocusColumnAliases
{
    /// <summary>The prefix FOCUS reserves for provider-specific columns.</summary>
    public const string ExtensionPrefix = "x_";

    /// <summary>Every accepted column name with the column it means, current FOCUS name first for each column.</summary>
    public static IReadOnlyList<KeyValuePair<string, FocusColumn>> Table { get; } =
    [
        new("ChargePeriodStart", FocusColumn.ChargePeriodStart),
        new("UsageDateTime", FocusColumn.ChargePeriodStart),
        new("UsageDate", FocusColumn.ChargePeriodStart),
        new("UsageStartDate", FocusColumn.ChargePeriodStart),
        new("UsageStartTime", FocusColumn.ChargePeriodStart),
        new("ChargePeriodEnd", FocusColumn.ChargePeriodEnd),
        new("UsageEndDate", FocusColumn.ChargePeriodEnd),
        new("UsageEndTime", FocusColumn.ChargePeriodEnd),
        new("BillingPeriodStart", FocusColumn.BillingPeriodStart),
        new("BillingPeriodEnd", FocusColumn.BillingPeriodEnd),
        new("ProviderName", FocusColumn.ProviderName),
        new("Provider", FocusColumn.ProviderName),
        new("ServiceProviderName", FocusColumn.ServiceProviderName),
        new("ServiceProvider", FocusColumn.ServiceProviderName),
        new("HostProviderName", FocusColumn.HostProviderName),
        new("HostProvider", FocusColumn.HostProviderName),
        new("PublisherName", FocusColumn.PublisherName),
        new("Publisher", FocusColumn.PublisherName),
        new("InvoiceIssuerName", FocusColumn.InvoiceIssuerName),
        new("InvoiceIssuer", FocusColumn.InvoiceIssuerName),
        new("BillingAccountId", FocusColumn.BillingAccountId),
        new("BillingAccountName", FocusColumn.BillingAccountName),
        new("SubAccountId", FocusColumn.SubAccountId),
        new("SubAccountName", FocusColumn.SubAccountName),
        new("ServiceName", FocusColumn.ServiceName),
        new("ServiceCategory", FocusColumn.ServiceCategory),
        new("RegionId", FocusColumn.RegionId),
        new("Region", FocusColumn.RegionId),
        new("RegionName", FocusColumn.RegionName),
        new("ResourceId", FocusColumn.ResourceId),
        new("ResourceName", FocusColumn.ResourceName),
        new("ResourceType", FocusColumn.ResourceType),
        new("ChargeCategory", FocusColumn.ChargeCategory),
        new("ChargeType", FocusColumn.ChargeCategory),
        new("ChargeClass", FocusColumn.ChargeClass),
        new("ChargeDescription", FocusColumn.ChargeDescription),
        new("PricingCategory", FocusColumn.PricingCategory),
        new("CommitmentDiscountId", FocusColumn.CommitmentDiscountId),
        new("CommitmentDiscountStatus", FocusColumn.CommitmentDiscountStatus),
        new("SkuId", FocusColumn.SkuId),
        new("BilledCost", FocusColumn.BilledCost),
        new("EffectiveCost", FocusColumn.EffectiveCost),
        new("AmortizedCost", FocusColumn.EffectiveCost),
        new("ListCost", FocusColumn.ListCost),
        new("ContractedCost", FocusColumn.ContractedCost),
        new("BillingCurrency", FocusColumn.BillingCurrency),
        new("Tags", FocusColumn.Tags),
    ];

    private static readonly FrozenDictionary<string, (FocusColumn Column, int Rank)> ByName =
        Table.Select((entry, rank) => KeyValuePair.Create(entry.Key, (entry.Value, rank)))
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds the column a header name means; false for unknown and <c>x_</c> columns.</summary>
    public static bool TryResolve(string header, out FocusColumn column) => TryResolve(header, out column, out _);

    /// <summary>True when the header names a provider extension column (<c>x_</c> prefix, any case).</summary>
    public static bool IsExtension(string header) =>
        Normalize(header).StartsWith(ExtensionPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The header as matched: white space and byte-order marks trimmed.</summary>
    public static string Normalize(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return header.Trim().Trim('\uFEFF').Trim();
    }

    internal static bool TryResolve(string header, out FocusColumn column, out int rank)
    {
        if (ByName.TryGetValue(Normalize(header), out var found))
        {
            column = found.Column;
            rank = found.Rank;
            return true;
        }

        column = default;
        rank = int.MaxValue;
        return false;
    }
}
