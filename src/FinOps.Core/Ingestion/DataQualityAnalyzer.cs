using System.Runtime.CompilerServices;
using FinOps.Core.Focus;

namespace FinOps.Core.Ingestion;

/// <summary>Watches the rows of one import and reports what a FinOps analyst would want to know about them.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>effective-zero</c>: EffectiveCost is 0 while BilledCost is positive and no commitment discount explains it
/// (the row is billed but would vanish from amortised reports).</item>
/// <item><c>credit-mismatch</c>: a Credit row whose BilledCost and EffectiveCost differ.</item>
/// <item><c>unknown-service-category</c>: a ServiceCategory outside the FOCUS list.</item>
/// <item><c>missing-billing-currency</c> is an error, not a warning: the reader rejects such rows.</item>
/// </list>
/// Amounts are summed per currency of the first row seen for that code; a later row in another currency
/// is counted but its amount is not added (currencies are never mixed).
/// </remarks>
public sealed class DataQualityAnalyzer
{
    public const string EffectiveZero = "effective-zero";
    public const string CreditMismatch = "credit-mismatch";
    public const string UnknownServiceCategory = "unknown-service-category";

    /// <summary>ServiceCategory values allowed by FOCUS 1.0 to 1.3.</summary>
    public static readonly IReadOnlySet<string> KnownServiceCategories = new HashSet<string>(StringComparer.Ordinal)
    {
        "AI and Machine Learning", "Analytics", "Business Applications", "Compute", "Databases",
        "Developer Tools", "Identity", "Integration", "Internet of Things", "Management and Governance",
        "Media", "Migration", "Mobile", "Multicloud", "Networking", "Security", "Storage", "Web", "Other",
    };

    private const int SampleSize = 5;
    private readonly Dictionary<string, Accumulator> _found = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unknownCategories = new(StringComparer.Ordinal);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Observe(FocusRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);

        if (record.EffectiveCost == 0 && record.BilledCost > 0 && record.CommitmentDiscountId is null
            && !string.Equals(record.ChargeCategory, "Purchase", StringComparison.OrdinalIgnoreCase))
        {
            Add(EffectiveZero, record, record.BilledCost);
        }

        if (string.Equals(record.ChargeCategory, "Credit", StringComparison.OrdinalIgnoreCase)
            && record.BilledCost != record.EffectiveCost)
        {
            Add(CreditMismatch, record, record.BilledCost - record.EffectiveCost);
        }

        if (record.ServiceCategory is { } category && !KnownServiceCategories.Contains(category))
        {
            _unknownCategories.Add(category);
            Add(UnknownServiceCategory, record, record.EffectiveCost);
        }
    }

    public IReadOnlyList<DataQualityWarning> Warnings()
    {
        var warnings = new List<DataQualityWarning>(_found.Count);
        foreach (var (code, acc) in _found.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            warnings.Add(new DataQualityWarning(code, Describe(code, acc.Rows), acc.Rows, acc.Amount, acc.Currency, acc.Samples));
        }

        return warnings;
    }

    private string Describe(string code, long rows) => code switch
    {
        EffectiveZero => $"{rows} rows have EffectiveCost 0 while BilledCost is positive and no commitment discount explains it; amortised reports will not show this spend.",
        CreditMismatch => $"{rows} credit rows have BilledCost different from EffectiveCost.",
        UnknownServiceCategory => $"{rows} rows have a ServiceCategory outside the FOCUS list: {string.Join(", ", _unknownCategories.Order(StringComparer.Ordinal).Take(10))}.",
        _ => $"{rows} rows: {code}.",
    };

    private void Add(string code, FocusRecord record, decimal amount)
    {
        if (!_found.TryGetValue(code, out var acc))
        {
            acc = new Accumulator(record.BillingCurrency);
            _found[code] = acc;
        }

        acc.Rows++;
        if (string.Equals(acc.Currency, record.BillingCurrency, StringComparison.Ordinal))
        {
            acc.Amount += amount;
        }

        if (acc.Samples.Count < SampleSize)
        {
            acc.Samples.Add(record.SourceLine);
        }
    }

    private sealed class Accumulator(string currency)
    {
        public string Currency { get; } = currency;

        public long Rows { get; set; }

        public decimal Amount { get; set; }

        public List<long> Samples { get; } = [];
    }
}
