using System.Globalization;
using FinOps.Core.Query;

namespace FinOps.Conversation.Questions;

/// <summary>Names for periods that did not come from the question's own words (clarifications, the language model).</summary>
public static class PeriodLabels
{
    public static string Describe(DateRange range, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(range);
        var last = range.IsEmpty ? range.Start : range.End.AddDays(-1);
        if (range.Start == last)
        {
            return "on " + Format(range.Start, today);
        }

        return $"from {Format(range.Start, today)} to {Format(last, today)}";
    }

    private static string Format(DateOnly date, DateOnly today) =>
        date.ToString(date.Year == today.Year ? "MMM d" : "MMM d, yyyy", CultureInfo.InvariantCulture);
}
