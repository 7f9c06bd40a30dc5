using System.Globalization;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Rendering;
using FinOps.Core.Query;

namespace FinOps.Conversation.Answers;

/// <summary>Text for answers: money, percentages, date spans and metric names, culture-invariant (en) on purpose.</summary>
/// <remarks>Money goes through the shared <see cref="MoneyFormatter"/> (en-US) so answers and cards print amounts alike.</remarks>
internal static class AnswerFormat
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    /// <summary>The shared formatter's full amount: <c>$6,880.66</c>, <c>€1,234.50</c>, <c>CAD 99.00</c>, <c>$0.0042</c>.</summary>
    public static string Money(decimal amount, string currency) => Money(new Money(amount, currency));

    public static string Money(Money money) => MoneyFormatter.EnglishUnitedStates.Format(money);

    /// <summary>"up 4%", "down 12%", "unchanged"; null ratio (from zero) gives "up from nothing".</summary>
    public static string Change(decimal current, decimal previous)
    {
        if (current == previous)
        {
            return "unchanged";
        }

        if (previous == 0)
        {
            return current > 0 ? "up from nothing" : "down from nothing";
        }

        var ratio = (current - previous) / Math.Abs(previous);
        var direction = ratio >= 0 ? "up" : "down";
        return $"{direction} {Percent(Math.Abs(ratio))}";
    }

    /// <summary>0.04 -> "4%", 0.004 -> "0.4%", 0.0001 -> "less than 0.1%".</summary>
    public static string Percent(decimal ratio)
    {
        var percent = ratio * 100;
        if (percent != 0 && Math.Abs(percent) < 0.05m)
        {
            return "less than 0.1%";
        }

        return Math.Abs(percent) < 10
            ? Math.Round(percent, 1, MidpointRounding.AwayFromZero).ToString("0.#", Culture) + "%"
            : Math.Round(percent, 0, MidpointRounding.AwayFromZero).ToString("0", Culture) + "%";
    }

    /// <summary>"Nov 9-15", "Nov 22", "Oct 27-Nov 2", "Dec 1-31, 2025", "Dec 28, 2025-Jan 3, 2026".</summary>
    public static string Span(DateRange range, DateOnly today)
    {
        if (range.IsEmpty)
        {
            return Day(range.Start, today.Year);
        }

        var first = range.Start;
        var last = range.End.AddDays(-1);
        if (first == last)
        {
            return Day(first, today.Year);
        }

        if (first.Year != last.Year)
        {
            return $"{Day(first, 0)}-{Day(last, 0)}";
        }

        var yearSuffix = first.Year == today.Year ? string.Empty : ", " + first.Year.ToString(CultureInfo.InvariantCulture);
        return first.Month == last.Month
            ? $"{first.ToString("MMM d", Culture)}-{last.Day.ToString(CultureInfo.InvariantCulture)}{yearSuffix}"
            : $"{first.ToString("MMM d", Culture)}-{last.ToString("MMM d", Culture)}{yearSuffix}";
    }

    /// <summary>"Nov 22" in <paramref name="currentYear"/>, else "Nov 22, 2025".</summary>
    public static string Day(DateOnly date, int currentYear) =>
        date.Year == currentYear ? date.ToString("MMM d", Culture) : date.ToString("MMM d, yyyy", Culture);

    public static string IsoSpan(DateRange range) =>
        range.IsEmpty ? Iso(range.Start) : $"{Iso(range.Start)} to {Iso(range.End.AddDays(-1))}";

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string MetricAdjective(CostMetric metric) => metric switch
    {
        CostMetric.EffectiveCost => "amortised",
        CostMetric.BilledCost => "billed",
        CostMetric.ListCost => "list price",
        CostMetric.ContractedCost => "contracted",
        _ => metric.ToString(),
    };

    public static string MetricDescription(CostMetric metric) => metric switch
    {
        CostMetric.EffectiveCost => "EffectiveCost (amortised, after commitment discounts)",
        CostMetric.BilledCost => "BilledCost (as invoiced)",
        CostMetric.ListCost => "ListCost (public on-demand prices)",
        CostMetric.ContractedCost => "ContractedCost (negotiated prices)",
        _ => metric.ToString(),
    };

    /// <summary>"payments" -> "Payments", "ml" -> "ML" (two letters read as an acronym); values with capitals or digits are kept as stored.</summary>
    public static string DisplayName(string value) =>
        value.Length > 0 && value.All(c => char.IsLower(c) || c is '-' or '_' or ' ')
            ? value.Length <= 2 ? value.ToUpperInvariant() : char.ToUpperInvariant(value[0]) + value[1..]
            : value;

    public static string JoinAnd(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        2 => $"{items[0]} and {items[1]}",
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    public static string Capitalise(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
