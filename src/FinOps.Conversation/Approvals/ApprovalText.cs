using System.Globalization;
using System.Text.RegularExpressions;

namespace FinOps.Conversation.Approvals;

/// <summary>Amounts as people type them: "+$2,000", "2k", "1500.50 EUR", "€ 300".</summary>
public static partial class ApprovalText
{
    /// <summary>The amount and the currency it names (null when none), or false when <paramref name="text"/> is not an amount.</summary>
    public static bool TryParseAmount(string? text, out decimal amount, out string? currency)
    {
        amount = 0;
        currency = null;
        var match = AmountPattern().Match(text ?? string.Empty);
        if (!match.Success)
        {
            return false;
        }

        var digits = match.Groups["num"].Value.Replace(",", string.Empty, StringComparison.Ordinal);
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount))
        {
            return false;
        }

        if (match.Groups["k"].Success)
        {
            amount *= 1000m;
        }

        currency = match.Groups["sym"].Value switch
        {
            "$" => "USD",
            "€" => "EUR",
            "£" => "GBP",
            _ => match.Groups["code"].Success ? match.Groups["code"].Value.ToUpperInvariant() : null,
        };
        return true;
    }

    [GeneratedRegex(@"^\s*\+?\s*(?<sym>[$€£])?\s*(?<num>\d[\d,]*(?:\.\d+)?)\s*(?<k>[kK])?\s*(?<code>[A-Za-z]{3})?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex AmountPattern();
}
