using System.Globalization;
using System.Text.RegularExpressions;

namespace FinOps.Core.Budgets;

/// <summary>Reads an amount as people write it: <c>25000</c>, <c>25,000</c>, <c>$25k</c>, <c>€1.5m</c>, <c>25000 EUR</c>.</summary>
/// <remarks>A currency symbol or code, when present, is returned; <c>$</c> is USD, <c>€</c> EUR, <c>£</c> GBP, <c>¥</c> JPY.</remarks>
public static partial class BudgetAmount
{
    /// <summary>A positive amount (a budget limit).</summary>
    public static bool TryParse(string? text, out decimal amount, out string? currency) =>
        TryRead(text, out amount, out currency) && amount > 0;

    /// <summary>Any amount written as above, zero included (callers that explain why zero is refused check it themselves).</summary>
    public static bool TryRead(string? text, out decimal amount, out string? currency)
    {
        amount = 0;
        currency = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = Pattern().Match(text.Trim());
        if (!match.Success
            || !decimal.TryParse(match.Groups["number"].Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        amount = match.Groups["scale"].Value.ToLowerInvariant() switch
        {
            "k" or "thousand" => number * 1_000m,
            "m" or "mm" or "million" => number * 1_000_000m,
            _ => number,
        };
        var code = match.Groups["code"].Success ? match.Groups["code"].Value : match.Groups["code2"].Success ? match.Groups["code2"].Value : null;
        currency = code?.ToUpperInvariant() ?? match.Groups["symbol"].Value switch
        {
            "$" => "USD",
            "€" => "EUR",
            "£" => "GBP",
            "¥" => "JPY",
            _ => null,
        };
        return true;
    }

    [GeneratedRegex(
        @"^(?:(?<code>[A-Za-z]{3})\s*)?(?<symbol>[$€£¥])?\s*(?<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?<scale>k|m|mm|thousand|million)?(?:\s*(?<code2>[A-Za-z]{3}))?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 200)]
    private static partial Regex Pattern();
}
