namespace FinOps.Core.Query;

/// <summary>An immutable, columnar, in-memory snapshot of the daily cost facts, ordered by date.</summary>
/// <remarks>
/// Each stored dimension is an int column of codes into that dimension's value list. Missing values are
/// <see cref="None"/>. Tag sets are shared: a fact points at one tag set whose keys are trimmed and
/// matched case-insensitively. Built by <see cref="CostCubeBuilder"/>, queried by <see cref="CostQueryEngine"/>.
/// </remarks>
public sealed class CostCube
{
    /// <summary>The value shown for a missing dimension value (e.g. a row without a region).</summary>
    public const string None = "(none)";

    internal const int ColumnSlots = (int)DimensionKind.Tag;

    internal static readonly DimensionKind[] Columns =
    [
        DimensionKind.Provider, DimensionKind.Service, DimensionKind.Category, DimensionKind.Region,
        DimensionKind.Account, DimensionKind.BillingAccount, DimensionKind.Resource,
        DimensionKind.ChargeCategory, DimensionKind.PricingCategory,
    ];

    private readonly IReadOnlyDictionary<string, string>[] _tagSets;
    private readonly string[][] _values;
    private readonly Dictionary<(int Column, int Code), IReadOnlyList<string>> _aliases;

    internal CostCube(
        int count,
        int[] days,
        int[] currency,
        string[] currencies,
        int[] tagSet,
        IReadOnlyDictionary<string, string>[] tagSets,
        int[][] columns,
        string[][] values,
        MetricColumn[] metrics,
        byte[] commitmentStatus,
        string[] commitmentStatuses,
        Dictionary<(int Column, int Code), IReadOnlyList<string>> aliases)
    {
        _aliases = aliases;
        CommitmentStatusColumn = commitmentStatus;
        CommitmentStatusValues = commitmentStatuses;
        Count = count;
        DayColumn = days;
        CurrencyColumn = currency;
        CurrencyValues = currencies;
        TagSetColumn = tagSet;
        _tagSets = tagSets;
        ColumnCodes = columns;
        _values = values;
        Metrics = metrics;
    }

    public static CostCube Empty { get; } = new CostCubeBuilder(16).Build();

    public int Count { get; }

    public int TagSetCount => _tagSets.Length;

    public IReadOnlyList<string> Currencies => CurrencyValues;

    internal int[] DayColumn { get; }

    internal int[] CurrencyColumn { get; }

    internal string[] CurrencyValues { get; }

    internal int[] TagSetColumn { get; }

    internal int[][] ColumnCodes { get; }

    internal MetricColumn[] Metrics { get; }

    /// <summary>Per fact: a code into <see cref="CommitmentDiscountStatuses"/> (0 is <see cref="None"/>).</summary>
    internal byte[] CommitmentStatusColumn { get; }

    internal string[] CommitmentStatusValues { get; }

    /// <summary>The distinct FOCUS CommitmentDiscountStatus values (<c>Used</c>, <c>Unused</c>); the first is <see cref="None"/>.</summary>
    public IReadOnlyList<string> CommitmentDiscountStatuses => CommitmentStatusValues;

    /// <summary>The FOCUS CommitmentDiscountStatus of a fact, or <see cref="None"/>.</summary>
    public string CommitmentDiscountStatus(int fact) => CommitmentStatusValues[CommitmentStatusColumn[fact]];

    /// <summary>The first and (exclusive) last date held, or null when empty.</summary>
    public DateRange? Dates => Count == 0
        ? null
        : new DateRange(DateOnly.FromDayNumber(DayColumn[0]), DateOnly.FromDayNumber(DayColumn[Count - 1] + 1));

    public static bool IsColumn(DimensionKind kind) => Array.IndexOf(Columns, kind) >= 0;

    public DateOnly Date(int fact) => DateOnly.FromDayNumber(DayColumn[fact]);

    public string Currency(int fact) => CurrencyValues[CurrencyColumn[fact]];

    public decimal Amount(CostMetric metric, int fact) => Metrics[(int)metric][fact];

    /// <summary>The value of a stored dimension (not team, environment or tag) for a fact.</summary>
    public string Value(DimensionKind column, int fact) => ValuesOf(column)[ColumnCodes[(int)column][fact]];

    public int TagSetOf(int fact) => TagSetColumn[fact];

    public IReadOnlyDictionary<string, string> Tags(int tagSet) => _tagSets[tagSet];

    /// <summary>The value of tag <paramref name="key"/> (trimmed, case-insensitive) in a tag set, or null.</summary>
    public string? TagValue(int tagSet, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _tagSets[tagSet].TryGetValue(key.Trim(), out var v) ? v : null;
    }

    /// <summary>Other identifiers of a stored value (e.g. the SubAccountId of an account shown by its name); empty when none.</summary>
    public IReadOnlyList<string> AliasesOf(DimensionKind column, int code) =>
        _aliases.TryGetValue(((int)column, code), out var aliases) ? aliases : [];

    /// <summary>The distinct values of a stored dimension.</summary>
    public IReadOnlyList<string> ValuesOf(DimensionKind column) =>
        IsColumn(column) ? _values[(int)column] : throw new ArgumentException($"{column} is not a stored column.", nameof(column));

    internal string[] ValueArray(DimensionKind column) => _values[(int)column];

    /// <summary>Index of the first fact dated on or after <paramref name="dayNumber"/>.</summary>
    internal int LowerBound(int dayNumber)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (DayColumn[mid] < dayNumber)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
