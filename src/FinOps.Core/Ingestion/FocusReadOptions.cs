namespace FinOps.Core.Ingestion;

/// <summary>Which optional columns a read may leave out: a projection, so that callers pay only for what they use.</summary>
/// <remarks>
/// Only descriptive text columns can be skipped; a skipped column reads as null in every record, exactly as if the
/// export lacked it. Skipping <see cref="Extensions"/> leaves <see cref="Focus.FocusRecord.Extensions"/> empty.
/// Everything the store keeps is always read.
/// </remarks>
public sealed record FocusReadOptions
{
    /// <summary>The columns a read may skip: descriptive text that the store and its reports do not use.</summary>
    /// <remarks>Declared first: the presets below are checked against it when the type initialises.</remarks>
    public static readonly IReadOnlySet<FocusColumn> Descriptive = new HashSet<FocusColumn>
    {
        FocusColumn.HostProviderName,
        FocusColumn.PublisherName,
        FocusColumn.InvoiceIssuerName,
        FocusColumn.ChargeClass,
        FocusColumn.ChargeDescription,
        FocusColumn.SkuId,
    };

    /// <summary>Every column (the default).</summary>
    public static readonly FocusReadOptions All = new();

    /// <summary>What the cost store keeps: every column but the <see cref="Descriptive"/> ones and the x_ columns.</summary>
    public static readonly FocusReadOptions CostStore = new() { Omit = Descriptive, Extensions = false };

    private readonly IReadOnlySet<FocusColumn> _omit = new HashSet<FocusColumn>();

    /// <summary>Columns to leave unread; only <see cref="Descriptive"/> ones are allowed.</summary>
    /// <exception cref="ArgumentException">A column that records need (dates, amounts, provider, currency, ...) is listed.</exception>
    public IReadOnlySet<FocusColumn> Omit
    {
        get => _omit;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            var needed = value.Where(c => !Descriptive.Contains(c)).ToList();
            if (needed.Count > 0)
            {
                throw new ArgumentException($"These columns cannot be skipped: {string.Join(", ", needed)}.", nameof(value));
            }

            _omit = value;
        }
    }

    /// <summary>Whether to read the provider's x_ columns into <see cref="Focus.FocusRecord.Extensions"/>.</summary>
    public bool Extensions { get; init; } = true;
}
