using System.Runtime.CompilerServices;
using FinOps.Core.Focus;

namespace FinOps.Core.Ingestion;

/// <summary>
/// The parsed cells of the current row, reused from row to row of one file (it never escapes); turns into a
/// <see cref="FocusRecord"/> with the rules every FOCUS version shares.
/// </summary>
/// <remarks>
/// Leniency for optional columns, absent or null: ChargePeriodEnd = ChargePeriodStart + 1 day (exports older
/// than FOCUS have daily rows without an end); BillingPeriodStart = first day of the charge month and
/// BillingPeriodEnd = one month later (all major providers bill monthly); EffectiveCost = BilledCost (no amortisation
/// stated) and, for pre-1.0 files that only have AmortizedCost, BilledCost = EffectiveCost; ListCost and
/// ContractedCost = 0. Required values (charge period start, billed cost, billing currency, charge category,
/// provider) must not be null.
/// </remarks>
internal sealed class FocusRow
{
    private static readonly int ColumnCount = Enum.GetValues<FocusColumn>().Length;

    private readonly FocusHeader _header;
    private readonly string _file;

    public FocusRow(FocusHeader header, string file, FocusReadOptions options)
    {
        _header = header;
        _file = file;
        var present = Enum.GetValues<FocusColumn>().Where(header.Has).ToArray();
        TimeColumns = present.Where(c => KindOf(c) == ColumnKind.Time).ToArray();
        MoneyColumns = present.Where(c => KindOf(c) == ColumnKind.Money).ToArray();
        TextColumns = present.Where(c => KindOf(c) == ColumnKind.Text && !options.Omit.Contains(c)).ToArray();
        HasTags = header.Has(FocusColumn.Tags);
        Extensions = new ExtensionColumns(options.Extensions ? header.ExtensionNames : []);
    }

    public enum ColumnKind
    {
        Text,
        Money,
        Time,
        Tags,
    }

    public FocusColumn[] TimeColumns { get; }

    public FocusColumn[] MoneyColumns { get; }

    public FocusColumn[] TextColumns { get; }

    public bool HasTags { get; }

    public ExtensionColumns Extensions { get; }

    public string?[] Text { get; } = new string?[ColumnCount];

    public decimal?[] Money { get; } = new decimal?[ColumnCount];

    public DateTime?[] Time { get; } = new DateTime?[ColumnCount];

    public IReadOnlyDictionary<string, string> Tags { get; set; } = FocusTags.Empty;

    public IReadOnlyDictionary<string, string?> ExtensionValues { get; set; } = ExtensionColumns.Empty;

    public static ColumnKind KindOf(FocusColumn column) => column switch
    {
        FocusColumn.ChargePeriodStart or FocusColumn.ChargePeriodEnd
            or FocusColumn.BillingPeriodStart or FocusColumn.BillingPeriodEnd => ColumnKind.Time,
        FocusColumn.BilledCost or FocusColumn.EffectiveCost
            or FocusColumn.ListCost or FocusColumn.ContractedCost => ColumnKind.Money,
        FocusColumn.Tags => ColumnKind.Tags,
        _ => ColumnKind.Text,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public FocusRecord ToRecord(long line)
    {
        var start = Time[(int)FocusColumn.ChargePeriodStart] ?? throw Missing(line, FocusColumn.ChargePeriodStart);
        var billingStart = Time[(int)FocusColumn.BillingPeriodStart]
            ?? new DateTime(start.Year, start.Month, 1, 0, 0, 0, DateTimeKind.Utc);

        var provider = Text[(int)FocusColumn.ServiceProviderName] ?? Text[(int)FocusColumn.ProviderName]
            ?? throw Missing(line, _header.Has(FocusColumn.ProviderName) ? FocusColumn.ProviderName : FocusColumn.ServiceProviderName);

        decimal billed;
        decimal effective;
        if (_header.Has(FocusColumn.BilledCost))
        {
            billed = Money[(int)FocusColumn.BilledCost] ?? throw Missing(line, FocusColumn.BilledCost);
            effective = Money[(int)FocusColumn.EffectiveCost] ?? billed;
        }
        else
        {
            effective = Money[(int)FocusColumn.EffectiveCost] ?? throw Missing(line, FocusColumn.EffectiveCost);
            billed = effective;
        }

        return new FocusRecord
        {
            SourceLine = line,
            ChargePeriodStart = start,
            ChargePeriodEnd = Time[(int)FocusColumn.ChargePeriodEnd] ?? start.AddDays(1),
            BillingPeriodStart = billingStart,
            BillingPeriodEnd = Time[(int)FocusColumn.BillingPeriodEnd] ?? billingStart.AddMonths(1),
            Provider = provider,
            HostProvider = Text[(int)FocusColumn.HostProviderName],
            Publisher = Text[(int)FocusColumn.PublisherName],
            InvoiceIssuer = Text[(int)FocusColumn.InvoiceIssuerName],
            BillingAccountId = Text[(int)FocusColumn.BillingAccountId],
            BillingAccountName = Text[(int)FocusColumn.BillingAccountName],
            SubAccountId = Text[(int)FocusColumn.SubAccountId],
            SubAccountName = Text[(int)FocusColumn.SubAccountName],
            ServiceName = Text[(int)FocusColumn.ServiceName],
            ServiceCategory = Text[(int)FocusColumn.ServiceCategory],
            RegionId = Text[(int)FocusColumn.RegionId],
            RegionName = Text[(int)FocusColumn.RegionName],
            ResourceId = Text[(int)FocusColumn.ResourceId],
            ResourceName = Text[(int)FocusColumn.ResourceName],
            ResourceType = Text[(int)FocusColumn.ResourceType],
            ChargeCategory = Text[(int)FocusColumn.ChargeCategory] ?? throw Missing(line, FocusColumn.ChargeCategory),
            ChargeClass = Text[(int)FocusColumn.ChargeClass],
            ChargeDescription = Text[(int)FocusColumn.ChargeDescription],
            PricingCategory = Text[(int)FocusColumn.PricingCategory],
            CommitmentDiscountId = Text[(int)FocusColumn.CommitmentDiscountId],
            CommitmentDiscountStatus = Text[(int)FocusColumn.CommitmentDiscountStatus],
            SkuId = Text[(int)FocusColumn.SkuId],
            BilledCost = billed,
            EffectiveCost = effective,
            ListCost = Money[(int)FocusColumn.ListCost] ?? 0m,
            ContractedCost = Money[(int)FocusColumn.ContractedCost] ?? 0m,
            BillingCurrency = Text[(int)FocusColumn.BillingCurrency] ?? throw Missing(line, FocusColumn.BillingCurrency),
            Tags = Tags,
            Extensions = ExtensionValues,
        };
    }

    private FocusFormatException Missing(long line, FocusColumn column) =>
        new(_file, line, _header.Name(column), "a value is required here but the cell is empty or NULL.");
}
