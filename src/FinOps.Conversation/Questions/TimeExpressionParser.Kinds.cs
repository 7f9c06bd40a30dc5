using System.Globalization;
using FinOps.Core.Query;

namespace FinOps.Conversation.Questions;

internal sealed partial class TimeExpressionParser
{
    /// <summary>
    /// "from March to August", "March through August", "from Nov to Feb": one range of whole months (a trend's span when
    /// the question asks per month). "March to August" without "from" stays two periods: "compare March to August".
    /// </summary>
    private static FoundPeriod? MonthRange(Context c, int i, out int length)
    {
        length = 0;
        var from = c.Tokens[i].Text is "from" or "between" ? 1 : 0;
        var at = i + from;
        if (at >= c.Tokens.Count || !Vocabulary.Months.ContainsKey(c.Tokens[at].Text) || MonthName(c, at, out var firstLength) is not { } first)
        {
            return null;
        }

        var connector = at + firstLength;
        var joins = from == 1
            ? c.IsAny(connector, "to", "through", "thru", "until", "till", "-") || (c.Tokens[i].Text == "between" && c.IsAny(connector, "and"))
            : c.IsAny(connector, "through", "thru");
        if (!joins || connector + 1 >= c.Tokens.Count || !Vocabulary.Months.ContainsKey(c.Tokens[connector + 1].Text)
            || MonthName(c, connector + 1, out var lastLength) is not { } last)
        {
            return null;
        }

        var start = first.FullUnit!.Start;
        var end = last.FullUnit!.End;
        if (end <= start)
        {
            // "from November to February": the November before.
            start = start.AddYears(-1);
        }

        length = connector + 1 + lastLength - i;
        var full = new DateRange(start, end);
        var phrase = $"from {MonthLabel(start, c.Today)} to {MonthLabel(end.AddDays(-1), c.Today)}";
        return new FoundPeriod(Clamp(full, c.Today), full.Contains(c.Today) ? phrase + " so far" : phrase, PeriodUnit.Range, ToDate: full.Contains(c.Today));
    }

    /// <summary>"the first week of November" (Nov 1-7), "second week of October" (Oct 8-14), "the last week of October" (its last 7 days).</summary>
    private static FoundPeriod? NthWeekOf(Context c, int i, out int length)
    {
        length = 0;
        var at = c.Tokens[i].Text == "the" ? i + 1 : i;
        if (at + 3 >= c.Tokens.Count || !c.IsAny(at + 1, "week") || !c.IsAny(at + 2, "of"))
        {
            return null;
        }

        int? n = c.Tokens[at].Text switch
        {
            "first" or "1" => 1,
            "second" or "2" => 2,
            "third" or "3" => 3,
            "fourth" or "4" => 4,
            "last" or "final" => -1,
            _ => null,
        };
        if (n is null || MonthName(c, at + 3, out var monthLength) is not { FullUnit: { } month })
        {
            return null;
        }

        var start = n == -1 ? month.End.AddDays(-7) : month.Start.AddDays((n.Value - 1) * 7);
        var range = new DateRange(start, start.AddDays(7));
        length = at + 3 + monthLength - i;
        var ordinal = n switch { 1 => "first", 2 => "second", 3 => "third", 4 => "fourth", _ => "last" };
        var phrase = $"the {ordinal} week of {MonthLabel(month.Start, c.Today)}";
        return new FoundPeriod(Clamp(range, c.Today), range.Contains(c.Today) ? phrase + " so far" : phrase, PeriodUnit.Range, ToDate: range.Contains(c.Today));
    }

    private static string MonthLabel(DateOnly day, DateOnly today) =>
        day.ToString(day.Year == today.Year ? "MMMM" : "MMMM yyyy", CultureInfo.InvariantCulture);
}
