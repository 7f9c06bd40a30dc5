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
/// BillingPeriodEnd = one month later (all major providers bill monthly); ListCost and ContractedCost = 0.
/// Required values (charge period start, billed cost, effective cost, billing currency, charge category, provider) must
/// not be null. Dates and amounts must lie within <see cref="FocusLimits"/>, and a period must not end before it starts.
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
        var start = Date(line, FocusColumn.ChargePeriodStart, Time[(int)FocusColumn.ChargePeriodStart] ?? throw Missing(line, FocusColumn.ChargePeriodStart));
        var end = Time[(int)FocusColumn.ChargePeriodEnd] is { } chargeEnd ? Date(line, FocusColumn.ChargePeriodEnd, chargeEnd) : start.AddDays(1);
        if (end < start)
        {
            throw Bad(line, FocusColumn.ChargePeriodEnd, $"the charge period ends ({end:yyyy-MM-dd HH:mm:ss}) before it starts ({start:yyyy-MM-dd HH:mm:ss}).");
        }

        var billingStart = Time[(int)FocusColumn.BillingPeriodStart] is { } periodStart
            ? Date(line, FocusColumn.BillingPeriodStart, periodStart)
            : new DateTime(start.Year, start.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var billingEnd = Time[(int)FocusColumn.BillingPeriodEnd] is { } periodEnd
            ? Date(line, FocusColumn.BillingPeriodEnd, periodEnd)
            : billingStart.AddMonths(1);
        if (billingEnd < billingStart)
        {
            throw Bad(line, FocusColumn.BillingPeriodEnd, $"the billing period ends ({billingEnd:yyyy-MM-dd HH:mm:ss}) before it starts ({billingStart:yyyy-MM-dd HH:mm:ss}).");
        }

        var provider = Text[(int)FocusColumn.ServiceProviderName] ?? Text[(int)FocusColumn.ProviderName]
            ?? throw Missing(line, _header.Has(FocusColumn.ProviderName) ? FocusColumn.ProviderName : FocusColumn.ServiceProviderName);

        // Both are required (FOCUS: present and never null): standing one in for the other would answer "billed" with amortised costs.
        var billed = Amount(line, FocusColumn.BilledCost, Money[(int)FocusColumn.BilledCost] ?? throw Missing(line, FocusColumn.BilledCost));
        var effective = Amount(line, FocusColumn.EffectiveCost, Money[(int)FocusColumn.EffectiveCost] ?? throw Missing(line, FocusColumn.EffectiveCost));
        var list = Money[(int)FocusColumn.ListCost] is { } listCost ? Amount(line, FocusColumn.ListCost, listCost) : 0m;
        var contracted = Money[(int)FocusColumn.ContractedCost] is { } contractedCost ? Amount(line, FocusColumn.ContractedCost, contractedCost) : 0m;

        return new FocusRecord
        {
            SourceLine = line,
            ChargePeriodStart = start,
            ChargePeriodEnd = end,
            BillingPeriodStart = billingStart,
            BillingPeriodEnd = billingEnd,
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
            ListCost = list,
            ContractedCost = contracted,
            BillingCurrency = Text[(int)FocusColumn.BillingCurrency] ?? throw Missing(line, FocusColumn.BillingCurrency),
            Tags = Tags,
            Extensions = ExtensionValues,
        };
    }

    private DateTime Date(long line, FocusColumn column, DateTime value) =>
        value >= FocusLimits.EarliestDate && value < FocusLimits.LatestDate
            ? value
            : throw Bad(line, column, $"{value:yyyy-MM-dd HH:mm:ss} is outside the dates an import accepts ({FocusLimits.EarliestDate:yyyy-MM-dd} to {FocusLimits.LatestDate.AddDays(-1):yyyy-MM-dd}).");

    private decimal Amount(long line, FocusColumn column, decimal value) =>
        value is <= FocusLimits.MaxAmount and >= -FocusLimits.MaxAmount
            ? value
            : throw Bad(line, column, $"{value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is beyond the largest amount an import accepts (plus or minus 10^15): sums of such amounts could overflow.");

    private FocusFormatException Bad(long line, FocusColumn column, string problem) => new(_file, line, _header.Name(column), problem);

    private FocusFormatException Missing(long line, FocusColumn column) =>
        new(_file, line, _header.Name(column), "a value is required here but the cell is empty or NULL.");
}
