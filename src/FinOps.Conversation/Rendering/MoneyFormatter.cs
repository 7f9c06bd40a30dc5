using System.Globalization;
using FinOps.Conversation.Cards;

namespace FinOps.Conversation.Rendering;

/// <summary>Formats money, changes and shares for people, once, for every renderer.</summary>
/// <remarks>
/// The currency is never dropped: a culture's own symbol is used for its own currency ("$" for USD in en-US,
/// "€" for EUR in de-DE), a few unambiguous symbols are used abroad ("€6,880.66" in en-US), and anything else
/// shows its ISO code ("CAD 6,880.66"), so "$" never silently means a different dollar.
/// Full amounts keep the currency's minor units; amounts below one cent keep four decimals so unit prices stay
/// readable. Compact amounts ($1.2M, $6.9K) are for tight places: chart axes, Slack fields, button-side numbers.
/// </remarks>
public sealed class MoneyFormatter
{
    private static readonly Dictionary<string, string> WellKnownSymbols = new(StringComparer.Ordinal)
    {
        ["USD"] = "$",
        ["EUR"] = "€",
        ["GBP"] = "£",
        ["JPY"] = "¥",
        ["INR"] = "₹",
    };

    private static readonly HashSet<string> ZeroDecimalCurrencies = new(StringComparer.Ordinal)
    {
        "JPY", "KRW", "VND", "CLP", "ISK", "HUF", "TWD", "UGX", "XAF", "XOF", "PYG",
    };

    private readonly Dictionary<string, NumberFormatInfo> formats = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly string? cultureCurrency;

    public MoneyFormatter(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        Culture = culture;
        cultureCurrency = TryGetRegionCurrency(culture);
    }

    /// <summary>US English, the default of the renderers when nothing else is configured.</summary>
    public static MoneyFormatter EnglishUnitedStates { get; } = new(CultureInfo.GetCultureInfo("en-US"));

    public CultureInfo Culture { get; }

    /// <summary>A full amount: <c>$6,880.66</c>, <c>6.880,66 €</c>, <c>CAD 6,880.66</c>, <c>$0.0042</c>.</summary>
    public string Format(Money money)
    {
        var nfi = FormatFor(money.Currency);
        var abs = Math.Abs(money.Amount);
        var digits = nfi.CurrencyDecimalDigits;
        if (abs != 0 && abs < 0.01m && digits > 0)
        {
            digits = 4;
            if (Math.Round(abs, digits, MidpointRounding.AwayFromZero) == 0)
            {
                return "<" + 0.0001m.ToString("C4", nfi);
            }
        }

        return Math.Round(money.Amount, digits, MidpointRounding.AwayFromZero).ToString("C" + digits.ToString(CultureInfo.InvariantCulture), nfi);
    }

    /// <summary>A short amount for tight places: <c>$1.2M</c>, <c>$6.9K</c>, <c>$980</c>, <c>$6.88</c>.</summary>
    public string FormatCompact(Money money)
    {
        var abs = Math.Abs(money.Amount);
        if (abs < 1000m)
        {
            var nfi = FormatFor(money.Currency);
            var digits = abs >= 100m || abs == 0 ? 0 : Math.Min(2, nfi.CurrencyDecimalDigits);
            return Math.Round(money.Amount, digits, MidpointRounding.AwayFromZero).ToString("C" + digits.ToString(CultureInfo.InvariantCulture), FormatFor(money.Currency));
        }

        // Round first so 999,999 becomes $1M rather than $1,000K.
        var (scale, suffix) = Math.Round(abs / 1000m, abs < 100_000m ? 1 : 0) switch
        {
            >= 1_000_000_000m => (1_000_000_000_000m, "T"),
            >= 1_000_000m => (1_000_000_000m, "B"),
            >= 1_000m => (1_000_000m, "M"),
            _ => (1_000m, "K"),
        };
        var scaled = money.Amount / scale;
        var decimals = Math.Abs(scaled) >= 100m ? 0 : 1;
        var rounded = Math.Round(scaled, decimals, MidpointRounding.AwayFromZero);
        if (rounded == Math.Truncate(rounded))
        {
            decimals = 0;
        }

        var text = rounded.ToString("C" + decimals.ToString(CultureInfo.InvariantCulture), FormatFor(money.Currency));
        var lastDigit = LastDigitIndex(text);
        return text.Insert(lastDigit + 1, suffix);
    }

    /// <summary>A change with arrow, sign and percentage: <c>▲ +$412.30 (+6.4%)</c>, <c>▼ -$12.00 (-3.1%)</c>, <c>no change</c>.</summary>
    public string FormatDelta(Delta delta, bool compact = false)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var direction = DirectionOf(delta);
        if (direction == DeltaDirection.Flat)
        {
            return "no change";
        }

        var amount = compact ? FormatCompact(delta.Change with { Amount = Math.Abs(delta.Change.Amount) }) : Format(delta.Change with { Amount = Math.Abs(delta.Change.Amount) });
        var sign = direction == DeltaDirection.Up ? "+" : "-";
        var arrow = direction == DeltaDirection.Up ? "▲" : "▼";
        var ratio = FormatRatio(delta.Ratio);
        return $"{arrow} {sign}{amount} ({ratio})";
    }

    /// <summary>The percentage of a change alone, with sign: <c>+6.4%</c>, <c>-3.1%</c>, <c>new</c> when there was nothing before.</summary>
    public string FormatRatio(decimal? ratio)
    {
        if (ratio is not { } r)
        {
            return "new";
        }

        var abs = Math.Abs(r);
        var format = abs >= 10m ? "P0" : "P1";
        var text = abs.ToString(format, Culture);
        return r switch
        {
            > 0 => "+" + text,
            < 0 => "-" + text,
            _ => text,
        };
    }

    /// <summary>A share of a total (0.25 = 25%): <c>25.0%</c>, <c>&lt;0.1%</c> for slivers.</summary>
    public string FormatShare(decimal share)
    {
        if (share > 0 && share < 0.001m)
        {
            return "<" + 0.001m.ToString("P1", Culture);
        }

        return share.ToString("P1", Culture);
    }

    /// <summary>Whether a change is an increase, a decrease or none (an increase in cost is the bad direction).</summary>
    public static DeltaDirection DirectionOf(Delta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        return delta.Change.Amount switch
        {
            > 0 => DeltaDirection.Up,
            < 0 => DeltaDirection.Down,
            _ => DeltaDirection.Flat,
        };
    }

    private static int LastDigitIndex(string text)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (char.IsDigit(text[i]))
            {
                return i;
            }
        }

        return text.Length - 1;
    }

    private static string? TryGetRegionCurrency(CultureInfo culture)
    {
        if (culture.IsNeutralCulture || string.IsNullOrEmpty(culture.Name))
        {
            return null;
        }

        try
        {
            return new RegionInfo(culture.Name).ISOCurrencySymbol;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private NumberFormatInfo FormatFor(string currency)
    {
        var code = string.IsNullOrWhiteSpace(currency) ? "XXX" : currency.Trim().ToUpperInvariant();
        lock (gate)
        {
            if (formats.TryGetValue(code, out var cached))
            {
                return cached;
            }

            var nfi = (NumberFormatInfo)Culture.NumberFormat.Clone();
            if (!string.Equals(code, cultureCurrency, StringComparison.Ordinal))
            {
                nfi.CurrencyDecimalDigits = ZeroDecimalCurrencies.Contains(code) ? 0 : 2;
                var cultureSymbol = Culture.NumberFormat.CurrencySymbol;
                nfi.CurrencySymbol = WellKnownSymbols.TryGetValue(code, out var symbol) && !string.Equals(symbol, cultureSymbol, StringComparison.Ordinal)
                    ? symbol
                    : code + "\u00a0";
                if (!WellKnownSymbols.ContainsKey(code) || string.Equals(symbol, cultureSymbol, StringComparison.Ordinal))
                {
                    // An ISO code reads best in front of the number with a space ("CAD 6,880.66"), whatever the culture's symbol position.
                    nfi.CurrencyPositivePattern = 0;
                    nfi.CurrencyNegativePattern = 1;
                }
            }

            formats[code] = nfi;
            return nfi;
        }
    }
}
