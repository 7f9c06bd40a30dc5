namespace FinOps.Core.Ingestion;

/// <summary>Where each <see cref="FocusColumn"/> sits in one file, checked for the columns every FOCUS file has.</summary>
internal sealed class FocusHeader
{
    private static readonly int ColumnCount = Enum.GetValues<FocusColumn>().Length;

    private FocusHeader(int[] ordinals, string[] names, int[] extensionOrdinals, string[] extensionNames)
    {
        Ordinals = ordinals;
        Names = names;
        ExtensionOrdinals = extensionOrdinals;
        ExtensionNames = extensionNames;
    }

    /// <summary>Ordinal in the file per <see cref="FocusColumn"/>, -1 when the file lacks it.</summary>
    public int[] Ordinals { get; }

    /// <summary>The column name as the file spells it (trimmed), for error messages.</summary>
    public string[] Names { get; }

    public int[] ExtensionOrdinals { get; }

    public string[] ExtensionNames { get; }

    public bool Has(FocusColumn column) => Ordinals[(int)column] >= 0;

    public int Ordinal(FocusColumn column) => Ordinals[(int)column];

    public string Name(FocusColumn column) => Names[(int)column];

    /// <summary>Maps the header names and rejects a file that is not FOCUS or lacks a required column.</summary>
    public static FocusHeader Resolve(string file, IReadOnlyList<string> headers)
    {
        var ordinals = new int[ColumnCount];
        var ranks = new int[ColumnCount];
        var names = new string[ColumnCount];
        Array.Fill(ordinals, -1);
        Array.Fill(ranks, int.MaxValue);
        var extensionOrdinals = new List<int>();
        var extensionNames = new List<string>();

        for (var i = 0; i < headers.Count; i++)
        {
            var name = FocusColumnAliases.Normalize(headers[i]);
            if (FocusColumnAliases.TryResolve(name, out var column, out var rank))
            {
                if (rank < ranks[(int)column])
                {
                    ordinals[(int)column] = i;
                    ranks[(int)column] = rank;
                    names[(int)column] = name;
                }
            }
            else if (FocusColumnAliases.IsExtension(name))
            {
                extensionOrdinals.Add(i);
                extensionNames.Add(name);
            }
        }

        for (var c = 0; c < ColumnCount; c++)
        {
            names[c] ??= ((FocusColumn)c).ToString();
        }

        var header = new FocusHeader(ordinals, names, [.. extensionOrdinals], [.. extensionNames]);
        header.Validate(file, headers);
        return header;
    }

    private void Validate(string file, IReadOnlyList<string> headers)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
        {
            var name = FocusColumnAliases.Normalize(headers[i]);
            if (name.Length > 0 && !seen.TryAdd(name, i))
            {
                // Which of the two holds the values meant is anyone's guess; reading either could silently be wrong.
                throw new FocusFormatException(file, 1, name,
                    $"the column name appears twice (columns {seen[name] + 1} and {i + 1}); every column of a FOCUS export has its own name.");
            }
        }

        if (Array.TrueForAll(Ordinals, o => o < 0))
        {
            var shown = string.Join(", ", headers.Take(8).Select(FocusColumnAliases.Normalize));
            throw new FocusFormatException(file, 1, null,
                $"not a FOCUS cost export: none of its columns is a FOCUS column (it has {headers.Count} columns: {shown}{(headers.Count > 8 ? ", ..." : string.Empty)}).");
        }

        var missing = new List<string>();
        if (!Has(FocusColumn.ChargePeriodStart))
        {
            missing.Add("ChargePeriodStart");
        }

        // FOCUS (0.5 on) requires both; neither can stand in for the other (billed is invoiced, effective is amortised).
        if (!Has(FocusColumn.BilledCost))
        {
            missing.Add("BilledCost");
        }

        if (!Has(FocusColumn.EffectiveCost))
        {
            missing.Add("EffectiveCost");
        }

        if (!Has(FocusColumn.BillingCurrency))
        {
            missing.Add("BillingCurrency");
        }

        if (!Has(FocusColumn.ChargeCategory))
        {
            missing.Add("ChargeCategory");
        }

        if (!Has(FocusColumn.ProviderName) && !Has(FocusColumn.ServiceProviderName))
        {
            missing.Add("ServiceProviderName or ProviderName");
        }

        if (missing.Count > 0)
        {
            throw new FocusFormatException(file, 1, null,
                $"not a FOCUS cost export: required columns missing: {string.Join(", ", missing)}.");
        }
    }
}
