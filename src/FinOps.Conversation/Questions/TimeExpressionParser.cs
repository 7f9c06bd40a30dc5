using System.Globalization;
using FinOps.Core.Calendar;
using FinOps.Core.Query;

namespace FinOps.Conversation.Questions;

/// <summary>Finds period expressions in a question's words, relative to "today" (the as-of date).</summary>
/// <remarks>
/// Periods are half-open. Running units ("this month", "Q4" while in Q4, "year to date") end after today;
/// "last week" is the previous ISO week (Monday start); "last N days/weeks/months" are the N full units before
/// today; month names and quarters without a year are the most recent ones not in the future; quarters and
/// fiscal years follow <see cref="CostCalendar.FiscalYearStartMonth"/>. Spoken ranges include their end day.
/// </remarks>
internal sealed partial class TimeExpressionParser(CostCalendar calendar)
{
    /// <summary>The first and last years a question may name: cost exports exist for no other, and dates near <see cref="DateOnly.MaxValue"/> overflow.</summary>
    public const int FirstYear = 2000;

    public const int LastYear = 2099;

    /// <summary>The most days, weeks, months, quarters or years "last N ..." may count back.</summary>
    private const int MaxCount = 400;

    private static readonly string[] RangeSeparators = ["..", "to", "-", "until", "till", "through", "thru"];

    /// <summary>What a rule returns for a period it recognises but cannot use; the reason is in <see cref="TimeScan.Problem"/>.</summary>
    private static readonly FoundPeriod Rejected = new(new DateRange(DateOnly.MinValue, DateOnly.MinValue), string.Empty, PeriodUnit.Range);

    public TimeScan Scan(IReadOnlyList<Token> tokens, bool[] consumed, DateOnly today)
    {
        var scan = new TimeScan();
        var context = new Context(tokens, consumed, today, scan, calendar);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (consumed[i])
            {
                continue;
            }

            var length = TryFlags(context, i);
            if (length == 0)
            {
                var found = TryPeriod(context, i, out length);
                if (found is not null && !ReferenceEquals(found, Rejected))
                {
                    scan.Periods.Add(found with { TokenIndex = i });
                }
            }

            for (var k = 0; k < length; k++)
            {
                consumed[i + k] = true;
            }

            if (length > 0)
            {
                i += length - 1;
            }
        }

        foreach (var period in scan.Periods)
        {
            if (period.Range.Start.Year < FirstYear || period.Range.End.Year > LastYear + 1)
            {
                // "the last 400 years": a valid shape that reaches outside the years any export covers.
                scan.Problem ??= string.Create(CultureInfo.InvariantCulture, $"{StripPreposition(period.Phrase)} would run from {period.Range.Start:yyyy-MM-dd}, and questions can only cover {FirstYear} to {LastYear}");
            }
        }

        return scan;
    }

    private static int TryFlags(Context c, int i)
    {
        if (c.Is(i, "so", "far") || c.Is(i, "to", "date") && !c.IsAny(i - 1, "week", "month", "quarter", "year"))
        {
            c.Scan.SoFar = true;
            return 2;
        }

        if (c.Is(i, "yoy") || c.Is(i, "y/y"))
        {
            c.Scan.YearOverYear = true;
            return 1;
        }

        if (c.Is(i, "year", "over", "year") || c.Is(i, "year", "on", "year"))
        {
            c.Scan.YearOverYear = true;
            return 3;
        }

        if (c.IsAny(i, "same") && c.IsAny(i + 1, "period", "time", "day", "days", "week", "month", "quarter") && c.Is(i + 2, "last", "year"))
        {
            c.Scan.YearOverYear = true;
            return 4;
        }

        if (c.IsAny(i, "the") && c.IsAny(i + 1, "same") && c.IsAny(i + 2, "period", "time", "day", "days", "week", "month", "quarter") && c.Is(i + 3, "last", "year"))
        {
            c.Scan.YearOverYear = true;
            return 5;
        }

        // "same period last month": the aligned previous unit, resolved against the other period.
        var sameAt = c.IsAny(i, "the") && c.IsAny(i + 1, "same") ? i + 1 : i;
        if (c.IsAny(sameAt, "same") && c.IsAny(sameAt + 1, "period", "time", "days") && c.IsAny(sameAt + 2, "last", "previous", "prior")
            && UnitAt(c, sameAt + 3, out var sameUnitLength) is { } sameUnit and not PeriodUnit.Year and not PeriodUnit.Days)
        {
            c.Scan.Periods.Add(new FoundPeriod(new DateRange(c.Today, c.Today), "the same days last " + UnitName(sameUnit), sameUnit, Relative: true));
            return sameAt - i + 3 + sameUnitLength;
        }

        foreach (var (word, unit, shortForm) in new[] { ("week", PeriodUnit.Week, "wow"), ("month", PeriodUnit.Month, "mom"), ("quarter", PeriodUnit.Quarter, "qoq") })
        {
            if (c.Is(i, word, "over", word) || c.Is(i, word, "on", word))
            {
                c.Scan.PeriodOverPeriod = unit;
                return 3;
            }

            if (c.Is(i, shortForm))
            {
                c.Scan.PeriodOverPeriod = unit;
                return 1;
            }
        }

        foreach (var (word, unit) in new[] { ("month", PeriodUnit.Month), ("quarter", PeriodUnit.Quarter), ("year", PeriodUnit.Year) })
        {
            if (c.Is(i, "end", "of", "the", word))
            {
                c.Scan.EndOf = unit;
                return 4;
            }

            if (c.Is(i, "end", "of", word) || c.Is(i, "end", "of", "this", word))
            {
                c.Scan.EndOf = unit;
                return c.Is(i + 2, "this") ? 4 : 3;
            }

            if (c.Is(i, word, "end") || c.Is(i, word + "-end"))
            {
                c.Scan.EndOf = unit;
                return c.Is(i, word + "-end") ? 1 : 2;
            }
        }

        if (c.Is(i, "eom"))
        {
            c.Scan.EndOf = PeriodUnit.Month;
            return 1;
        }

        return 0;
    }

    private delegate FoundPeriod? PeriodRule(Context c, int i, out int length);

    /// <summary>The period rules, tried in this order at each word; the first match wins, so the order is the precedence.</summary>
    private static readonly (string Name, PeriodRule Rule)[] PeriodRules =
    [
        ("out-of-range", OutOfRange),             // 0001-01-01, Q99, in 9999, last 99999999 days: a clear problem, never a guess
        ("keyword", Keyword),                     // today, yesterday, ytd, mtd, wtd, qtd, fytd
        ("since", Since),                         // since last month, since Sep 3
        ("month-range", MonthRange),              // from March to August, March through August
        ("nth-week-of", NthWeekOf),               // the first week of November, the last week of October (before "last week")
        ("from-or-between", FromOrBetween),       // from Sep 3 to Sep 9, between ... and ...
        ("this-unit", ThisUnit),                  // this month, the current quarter so far
        ("for-the-unit", ForTheUnit),             // for the quarter, over the month
        ("unit-to-date", UnitToDate),             // month to date
        ("relative-unit", RelativeUnit),          // the week before, the previous month
        ("last-units", LastUnits),                // last week, the past 3 months
        ("ago", UnitsAgo),                        // 2 weeks ago
        ("weekend", Weekend),                     // the weekend
        ("weekday", WeekdayRule),                 // on Monday, last Friday
        ("week-of", WeekOf),                      // the week of Nov 9
        ("half", TryHalf),                        // H1, second half of last year
        ("quarter", TryQuarter),                  // Q3, Q3 FY26, FY26 Q3
        ("fiscal-year", FiscalYearNumber),        // FY2026, fiscal 2026
        ("numeric-month", NumericMonth),          // 2026-03, 03/2026, 2026/03
        ("date-or-range", DateOrRange),           // 2026-10-01, Sep 3-9, 2026-10-01..2026-10-15
        ("month-name", MonthName),                // in October, October 2025
        ("bare-year", BareYear),                  // in 2025
    ];

    /// <summary>The names of the period rules in precedence order.</summary>
    internal static IReadOnlyList<string> PeriodRuleNames => PeriodRules.Select(r => r.Name).ToArray();

    private static FoundPeriod? TryPeriod(Context c, int i, out int length)
    {
        foreach (var (_, rule) in PeriodRules)
        {
            var found = rule(c, i, out length);
            if (found is not null)
            {
                return found;
            }
        }

        length = 0;
        return null;
    }

    private static FoundPeriod Reject(Context c, string reason, int consumed, out int length)
    {
        c.Scan.Problem ??= reason;
        length = consumed;
        return Rejected;
    }

    /// <summary>Period words whose number is impossible or outside <see cref="FirstYear"/>-<see cref="LastYear"/>.</summary>
    private static FoundPeriod? OutOfRange(Context c, int i, out int length)
    {
        length = 0;
        var t = c.Tokens[i].Text;
        if (IsDateShaped(t))
        {
            if (!Tokenizer.TryParseIsoDate(t, out var date))
            {
                return Reject(c, $"{t} is not a date", 1, out length);
            }

            if (date.Year is < FirstYear or > LastYear)
            {
                return Reject(c, OutsideYears(t), 1, out length);
            }

            return null;
        }

        if (t.Length >= 2 && t[0] == 'q' && !t.AsSpan(1).ContainsAnyExceptInRange('0', '9') && !TryQuarterWord(t, out _))
        {
            return Reject(c, $"there is no Q{t[1..]}: quarters are Q1 to Q4", 1 + (IsLongNumber(c, i + 1) ? 1 : 0), out length);
        }

        if (t.StartsWith("fy", StringComparison.Ordinal) && t.Length > 2 && !t.AsSpan(2).ContainsAnyExceptInRange('0', '9') && !TryFiscalYearNumber(c, i, out _, out _))
        {
            return Reject(c, OutsideYears("FY" + t[2..]), 1, out length);
        }

        if (IsLongNumber(c, i) && IsOutsideYears(c.Tokens[i].Text)
            && (c.IsAny(i - 1, "in", "since", "during", "from", "until", "through", "year", "fy", "fiscal", "h1", "h2") || TryQuarterWord(c.Tokens[Math.Max(0, i - 1)].Text, out _)
                || (i > 0 && Vocabulary.Months.ContainsKey(c.Tokens[i - 1].Text))))
        {
            return Reject(c, OutsideYears(c.Tokens[i].Text), 1, out length);
        }

        // "last 99999999 days", "past 500 months": more than anyone keeps cost data for.
        if (t is "last" or "past" or "previous" or "prior" && i + 1 < c.Tokens.Count && c.Tokens[i + 1].Text.All(char.IsAsciiDigit)
            && UnitAt(c, i + 2, out var unitLength) is { } unit
            && (!int.TryParse(c.Tokens[i + 1].Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > MaxCount))
        {
            var name = unit == PeriodUnit.Days ? "days" : UnitName(unit) + "s";
            return Reject(c, n == 0 && c.Tokens[i + 1].Text.All(ch => ch == '0')
                ? $"the last 0 {name} contain no days"
                : string.Create(CultureInfo.InvariantCulture, $"the last {c.Tokens[i + 1].Text} {name} is more than the {MaxCount} {name} a question can look back"), 2 + unitLength, out length);
        }

        if (t.Length == 2 && t[0] == 'h' && char.IsAsciiDigit(t[1]) && t[1] is not ('1' or '2'))
        {
            return Reject(c, $"there is no H{t[1]}: halves are H1 and H2", 1, out length);
        }

        // "Feb 30", "31 June": a day the month does not have (February counts 29 days, for leap years).
        var dayAt = Vocabulary.Months.ContainsKey(t) ? i + 1 : i;
        var monthAt = dayAt == i ? i + 1 : i;
        if (dayAt < c.Tokens.Count && monthAt < c.Tokens.Count && Vocabulary.Months.TryGetValue(c.Tokens[monthAt].Text, out var month)
            && c.Tokens[dayAt].IsNumber && c.Tokens[dayAt].Text.Length <= 2 && c.Tokens[dayAt].Number is var day
            && (day < 1 || day > DateTime.DaysInMonth(2024, month)))
        {
            var monthName = CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(month);
            return Reject(c, string.Create(CultureInfo.InvariantCulture, $"{monthName} {day} is not a date"), Math.Max(dayAt, monthAt) - i + 1, out length);
        }

        return null;
    }

    /// <summary>"yyyy-m-d" with digits only: a date someone meant, valid or not ("1234-5678-9012" is an account, not a date).</summary>
    private static bool IsDateShaped(string t)
    {
        var parts = t.Split('-');
        return parts.Length == 3 && parts[0].Length == 4 && parts[1].Length is 1 or 2 && parts[2].Length is 1 or 2
            && parts.All(p => p.All(char.IsAsciiDigit));
    }

    private static bool IsLongNumber(Context c, int i) =>
        i >= 0 && i < c.Tokens.Count && c.Tokens[i].Text.Length >= 4 && c.Tokens[i].Text.All(char.IsAsciiDigit);

    private static bool IsOutsideYears(string digits) =>
        !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < FirstYear or > LastYear;

    private static string OutsideYears(string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} is outside the years {FirstYear} to {LastYear} that questions can cover");

    private static string Long(DateOnly date) => date.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);

    private static FoundPeriod? Keyword(Context c, int i, out int length)
    {
        var today = c.Today;
        FoundPeriod? found = c.Tokens[i].Text switch
        {
            "today" => new FoundPeriod(CostCalendar.Day(today), "today", PeriodUnit.Day, ToDate: true, FullUnit: CostCalendar.Day(today)),
            "yesterday" => new FoundPeriod(CostCalendar.Day(today.AddDays(-1)), "yesterday", PeriodUnit.Day),
            "ytd" => YearToDate(today),
            "mtd" => RunningUnit(c, PeriodUnit.Month),
            "wtd" => RunningUnit(c, PeriodUnit.Week),
            "qtd" => RunningUnit(c, PeriodUnit.Quarter),
            "fytd" => RunningUnit(c, PeriodUnit.FiscalYear),
            _ => null,
        };
        length = found is null ? 0 : 1;
        return found;
    }

    private static FoundPeriod? Since(Context c, int i, out int length)
    {
        length = 0;
        if (c.Tokens[i].Text != "since" || i + 1 >= c.Tokens.Count)
        {
            return null;
        }

        var inner = TryPeriod(c, i + 1, out var innerLength);
        if (ReferenceEquals(inner, Rejected))
        {
            length = 1 + innerLength;
            return Rejected;
        }

        if (inner is not null && inner.Range.Start > c.Today)
        {
            return Reject(c, $"since {StripPreposition(inner.Phrase)} starts after today ({c.Today.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)})", 1 + innerLength, out length);
        }

        if (inner is null)
        {
            return null;
        }

        length = 1 + innerLength;
        var range = new DateRange(inner.Range.Start, c.Today.AddDays(1));
        return new FoundPeriod(range, "since " + StripPreposition(inner.Phrase), PeriodUnit.Range, ToDate: true, PhraseHasDates: inner.PhraseHasDates) { Since = inner };
    }

    private static FoundPeriod? FromOrBetween(Context c, int i, out int length)
    {
        length = 0;
        if (c.Tokens[i].Text is not ("from" or "between") || i + 1 >= c.Tokens.Count)
        {
            return null;
        }

        var inner = TryPeriod(c, i + 1, out var innerLength);
        if (inner is not null)
        {
            length = 1 + innerLength;
        }

        return inner;
    }

    /// <summary>"(this|current) (week|month|quarter|year|fiscal year) [so far|to date]".</summary>
    private static FoundPeriod? ThisUnit(Context c, int i, out int length)
    {
        length = 0;
        var t = c.Tokens[i].Text;
        if (!(t is "this" or "current" || (t == "the" && c.IsAny(i + 1, "current"))))
        {
            return null;
        }

        var at = t == "the" ? i + 2 : i + 1;
        var unit = UnitAt(c, at, out var unitLength);
        if (unit is null or PeriodUnit.Days)
        {
            return null;
        }

        length = at - i + unitLength + SoFarSuffix(c, at + unitLength);
        return RunningUnit(c, unit.Value);
    }

    /// <summary>"for the quarter", "over the month": the current one, when nothing relative follows ("the month before").</summary>
    private static FoundPeriod? ForTheUnit(Context c, int i, out int length)
    {
        length = 0;
        if (c.Tokens[i].Text != "the" || i == 0 || !c.IsAny(i - 1, "for", "over", "during", "through") || c.IsAny(i + 2, "before", "after", "of", "prior", "earlier", "ending"))
        {
            return null;
        }

        var unit = UnitAt(c, i + 1, out var unitLength);
        if (unit is null or PeriodUnit.Days)
        {
            return null;
        }

        length = 1 + unitLength + SoFarSuffix(c, i + 1 + unitLength);
        return RunningUnit(c, unit.Value);
    }

    /// <summary>"(week|month|quarter|year|fiscal year) to date".</summary>
    private static FoundPeriod? UnitToDate(Context c, int i, out int length)
    {
        length = 0;
        var unit = UnitAt(c, i, out var unitLength);
        if (unit is null or PeriodUnit.Days || !c.Is(i + unitLength, "to", "date"))
        {
            return null;
        }

        length = unitLength + 2;
        return unit == PeriodUnit.Year ? YearToDate(c.Today) : RunningUnit(c, unit.Value);
    }

    /// <summary>"the week before", "the previous month", "the prior period", "the period before".</summary>
    private static FoundPeriod? RelativeUnit(Context c, int i, out int length)
    {
        length = 0;
        return c.Tokens[i].Text is "the" or "previous" or "prior" or "preceding" ? TryRelative(c, i, out length) : null;
    }

    /// <summary>"(the) (last|past|previous|prior) [N] (days|weeks|months|quarters|years)".</summary>
    private static FoundPeriod? LastUnits(Context c, int i, out int length)
    {
        length = 0;
        var t = c.Tokens[i].Text;
        if (!(t is "last" or "past" or "previous" or "prior" || (t == "the" && c.IsAny(i + 1, "last", "past", "previous", "prior"))))
        {
            return null;
        }

        var at = t == "the" ? i + 1 : i;
        var found = TryLast(c, at, out var lastLength);
        if (found is not null)
        {
            length = at - i + lastLength;
        }

        return found;
    }

    /// <summary>"N (days|weeks|months) ago".</summary>
    private static FoundPeriod? UnitsAgo(Context c, int i, out int length)
    {
        length = 0;
        if (!Vocabulary.TryNumber(c.Tokens[i], out var ago) || ago is < 1 or > 120)
        {
            return null;
        }

        var unit = UnitAt(c, i + 1, out var unitLength);
        if (unit is null || !c.Is(i + 1 + unitLength, "ago"))
        {
            return null;
        }

        length = unitLength + 2;
        return Ago(c, unit.Value, ago);
    }

    private static FoundPeriod? Weekend(Context c, int i, out int length)
    {
        var t = c.Tokens[i].Text;
        if (t == "weekend" || (t is "the" or "this" && c.IsAny(i + 1, "weekend")))
        {
            length = t == "weekend" ? 1 : 2;
            return LastWeekend(c.Today);
        }

        length = 0;
        return null;
    }

    /// <summary>Weekdays: "on Monday", "last Friday" = the most recent one before today.</summary>
    private static FoundPeriod? WeekdayRule(Context c, int i, out int length)
    {
        length = 0;
        var at = c.Tokens[i].Text is "last" or "on" or "past" or "previous" ? i + 1 : i;
        if (at >= c.Tokens.Count || Weekday(c.Tokens[at].Text) is not { } weekday || (at == i && !WeekdayContext(c, i)))
        {
            return null;
        }

        length = at - i + 1;
        var back = ((int)c.Today.DayOfWeek - (int)weekday + 7) % 7;
        var date = c.Today.AddDays(back == 0 ? -7 : -back);
        var name = CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(weekday);
        return new FoundPeriod(CostCalendar.Day(date), $"on {name}", PeriodUnit.Day);
    }

    /// <summary>"the week of Nov 9".</summary>
    private static FoundPeriod? WeekOf(Context c, int i, out int length)
    {
        length = 0;
        if (!c.Is(i, "the", "week", "of") && !c.Is(i, "week", "of"))
        {
            return null;
        }

        var at = c.Tokens[i].Text == "the" ? i + 3 : i + 2;
        if (TryDate(c, at, out var dateLength) is not { } date)
        {
            return null;
        }

        length = at - i + dateLength;
        var week = CostCalendar.Week(date);
        return new FoundPeriod(Clamp(week, c.Today), "in the week of " + Short(week.Start), PeriodUnit.Week, ToDate: week.Contains(c.Today), FullUnit: week, PhraseHasDates: true);
    }

    /// <summary>"FY2026", "FY26", "fiscal 2026".</summary>
    private static FoundPeriod? FiscalYearNumber(Context c, int i, out int length)
    {
        if (!TryFiscalYearNumber(c, i, out var fy, out length))
        {
            length = 0;
            return null;
        }

        var fyStart = c.Calendar.FiscalQuarter(fy, 1).Start;
        var range = new DateRange(fyStart, fyStart.AddYears(1));
        return new FoundPeriod(Clamp(range, c.Today), string.Create(CultureInfo.InvariantCulture, $"in FY{fy}"), PeriodUnit.FiscalYear, ToDate: range.Contains(c.Today), FullUnit: range);
    }

    /// <summary>Dates and ranges: "2026-10-01", "Sep 3", "3 Sep 2026", "Sep 3-9", "2026-10-01..2026-10-15", "Sep 3 to Sep 9".</summary>
    private static FoundPeriod? DateOrRange(Context c, int i, out int length)
    {
        length = 0;
        if (TryDate(c, i, out var startLength) is not { } start)
        {
            return null;
        }

        var at = i + startLength;
        if (c.IsAny(at, RangeSeparators) || (c.IsAny(at, "and") && c.IsAny(i - 1, "between")))
        {
            var end = TryDate(c, at + 1, out var endLength, start);
            if (end is null && Vocabulary.TryNumber(c.Tokens[Math.Min(at + 1, c.Tokens.Count - 1)], out var endDay) && at + 1 < c.Tokens.Count
                && endDay is >= 1 and <= 31 && endDay <= DateTime.DaysInMonth(start.Year, start.Month))
            {
                end = new DateOnly(start.Year, start.Month, endDay);
                endLength = 1;
            }

            if (end is not null && end.Value < start)
            {
                return Reject(c, $"it ends on {Long(end.Value)}, before it starts on {Long(start)}", startLength + 1 + endLength, out length);
            }

            if (end is not null)
            {
                length = startLength + 1 + endLength;
                var range = new DateRange(start, end.Value.AddDays(1));
                return new FoundPeriod(range, "from " + Short(range.Start) + " to " + Short(end.Value), PeriodUnit.Range, PhraseHasDates: true);
            }
        }

        length = startLength;
        return new FoundPeriod(CostCalendar.Day(start), "on " + Short(start), PeriodUnit.Day, ToDate: start == c.Today, PhraseHasDates: true);
    }

    /// <summary>Months written with numbers: "2026-03", "2026/03", "03/2026", "3-2026".</summary>
    private static FoundPeriod? NumericMonth(Context c, int i, out int length)
    {
        length = 0;
        var t = c.Tokens[i].Text;
        var separator = t.IndexOfAny(['-', '/']);
        if (separator < 1 || separator == t.Length - 1 || t.IndexOfAny(['-', '/'], separator + 1) >= 0)
        {
            return null;
        }

        var left = t[..separator];
        var right = t[(separator + 1)..];
        var (yearText, monthText) = left.Length == 4 && right.Length is 1 or 2 ? (left, right) : right.Length == 4 && left.Length is 1 or 2 ? (right, left) : (null, null);
        if (yearText is null || monthText is null || !yearText.All(char.IsAsciiDigit) || !monthText.All(char.IsAsciiDigit))
        {
            return null;
        }

        var year = int.Parse(yearText, CultureInfo.InvariantCulture);
        var month = int.Parse(monthText, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12)
        {
            return Reject(c, $"{t} is not a month: months run from 1 to 12", 1, out length);
        }

        if (year is < FirstYear or > LastYear)
        {
            return Reject(c, OutsideYears(t), 1, out length);
        }

        length = 1;
        return Month(c.Today, year, month, withYear: year != c.Today.Year);
    }

    private static FoundPeriod Month(DateOnly today, int year, int month, bool withYear)
    {
        var range = CostCalendar.Month(year, month);
        var name = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);
        var phrase = withYear ? string.Create(CultureInfo.InvariantCulture, $"in {name} {year}") : "in " + name;
        if (range.Contains(today))
        {
            phrase += " so far";
        }

        return new FoundPeriod(Clamp(range, today), phrase, PeriodUnit.Month, ToDate: range.Contains(today), FullUnit: range);
    }

    /// <summary>Month names: "in October", "October 2025", "oct".</summary>
    private static FoundPeriod? MonthName(Context c, int i, out int length)
    {
        length = 0;
        var today = c.Today;
        if (!Vocabulary.Months.TryGetValue(c.Tokens[i].Text, out var month) || !MonthWordIsMonth(c, i))
        {
            return null;
        }

        length = 1;
        int year;
        if (TryYear(c, i + 1, out var explicitYear))
        {
            year = explicitYear;
            length = 2;
        }
        else
        {
            year = month <= today.Month ? today.Year : today.Year - 1;
        }

        return Month(today, year, month, withYear: year != today.Year && length == 2);
    }

    /// <summary>A bare year: "in 2025".</summary>
    private static FoundPeriod? BareYear(Context c, int i, out int length)
    {
        length = 0;
        if (!TryYear(c, i, out var y) || c.IsAny(i - 1, "top"))
        {
            return null;
        }

        length = 1;
        var range = CostCalendar.CalendarYear(y);
        return new FoundPeriod(Clamp(range, c.Today), string.Create(CultureInfo.InvariantCulture, $"in {y}"), PeriodUnit.Year, ToDate: range.Contains(c.Today), FullUnit: range);
    }

    private static FoundPeriod? TryRelative(Context c, int i, out int length)
    {
        length = 0;
        var at = c.Tokens[i].Text == "the" ? i + 1 : i;
        if (c.IsAny(at, "previous", "prior", "preceding"))
        {
            if (c.Scan.Periods.Count > 0 && at + 1 < c.Tokens.Count && Vocabulary.TryNumber(c.Tokens[at + 1], out var count) && UnitAt(c, at + 2, out var countedLength) is { } counted)
            {
                length = at - i + 2 + countedLength;
                var name = counted == PeriodUnit.Days ? "days" : UnitName(counted) + "s";
                return new FoundPeriod(c.Scan.Periods[^1].Range, string.Create(CultureInfo.InvariantCulture, $"the previous {count} {name}"), PeriodUnit.Range, Relative: true);
            }

            var unit = UnitAt(c, at + 1, out var unitLength);
            if (c.IsAny(at + 1, "period"))
            {
                unit = PeriodUnit.Range;
                unitLength = 1;
            }

            if (unit is not null and not PeriodUnit.Days && c.Scan.Periods.Count > 0)
            {
                length = at - i + 1 + unitLength;
                return new FoundPeriod(c.Scan.Periods[^1].Range, "the previous " + UnitName(unit.Value), unit.Value, Relative: true);
            }

            return null;
        }

        if (c.Tokens[i].Text == "the")
        {
            var unit = UnitAt(c, at, out var unitLength);
            if (c.IsAny(at, "period"))
            {
                unit = PeriodUnit.Range;
                unitLength = 1;
            }

            if (unit is not null and not PeriodUnit.Days && c.IsAny(at + unitLength, "before", "prior", "earlier"))
            {
                length = 1 + unitLength + 1;
                return new FoundPeriod(new DateRange(c.Today, c.Today), "the " + UnitName(unit.Value) + " before", unit.Value, Relative: true);
            }
        }

        return null;
    }

    private static FoundPeriod? TryLast(Context c, int i, out int length)
    {
        length = 0;
        var today = c.Today;
        if (c.Is(i + 1, "24", "hours"))
        {
            length = 3;
            return new FoundPeriod(CostCalendar.Day(today.AddDays(-1)), "yesterday", PeriodUnit.Day);
        }

        // "last weekend": the most recent Saturday and Sunday before today.
        if (c.IsAny(i + 1, "weekend"))
        {
            length = 2;
            return LastWeekend(today);
        }

        var n = 1;
        var at = i + 1;
        var explicitCount = false;
        if (at < c.Tokens.Count && Vocabulary.TryNumber(c.Tokens[at], out var parsed))
        {
            if (parsed is < 1 or > 400)
            {
                return null;
            }

            n = parsed;
            at++;
            explicitCount = true;
        }

        if (c.IsAny(at, "day") && !explicitCount)
        {
            length = at - i + 1;
            return new FoundPeriod(CostCalendar.Day(today.AddDays(-1)), "yesterday", PeriodUnit.Day);
        }

        var unit = UnitAt(c, at, out var unitLength);
        if (unit is null)
        {
            return null;
        }

        length = at - i + unitLength;
        if (unit == PeriodUnit.Days)
        {
            var range = new DateRange(today.AddDays(-n), today);
            return new FoundPeriod(range, string.Create(CultureInfo.InvariantCulture, $"in the last {n} days"), PeriodUnit.Days);
        }

        if (!explicitCount)
        {
            // "last week", "last month", "last quarter", "last year", "last fiscal year": the previous full unit.
            var current = FullUnit(c.Calendar, unit.Value, today);
            var previous = PreviousUnit(unit.Value, current);
            return new FoundPeriod(previous, "last " + UnitName(unit.Value), unit.Value);
        }

        var currentStart = FullUnit(c.Calendar, unit.Value, today).Start;
        var startOfRange = unit.Value switch
        {
            PeriodUnit.Week => currentStart.AddDays(-7 * n),
            PeriodUnit.Month => currentStart.AddMonths(-n),
            PeriodUnit.Quarter => currentStart.AddMonths(-3 * n),
            _ => currentStart.AddYears(-n),
        };
        var name = UnitName(unit.Value) + (n == 1 ? string.Empty : "s");
        var phrase = n == 1 ? "last " + name : string.Create(CultureInfo.InvariantCulture, $"in the last {n} {name}");
        return new FoundPeriod(new DateRange(startOfRange, currentStart), phrase, n == 1 ? unit.Value : PeriodUnit.Range);
    }

    private static FoundPeriod Ago(Context c, PeriodUnit unit, int n)
    {
        var today = c.Today;
        var date = unit switch
        {
            PeriodUnit.Days or PeriodUnit.Day => today.AddDays(-n),
            PeriodUnit.Week => today.AddDays(-7 * n),
            PeriodUnit.Month => today.AddMonths(-n),
            PeriodUnit.Quarter => today.AddMonths(-3 * n),
            _ => today.AddYears(-n),
        };
        var effective = unit == PeriodUnit.Days ? PeriodUnit.Day : unit;
        var range = FullUnit(c.Calendar, effective, date);
        var name = UnitName(effective) + (n == 1 ? string.Empty : "s");
        return new FoundPeriod(range, string.Create(CultureInfo.InvariantCulture, $"{n} {name} ago"), effective);
    }

    private static FoundPeriod? TryQuarter(Context c, int i, out int length)
    {
        length = 0;
        var t = c.Tokens[i].Text;
        int quarter;
        var at = i;
        int? fiscalYear = null;

        if (TryFiscalYearNumber(c, i, out var fyFirst, out var fyLength) && c.Tokens.Count > i + fyLength && TryQuarterWord(c.Tokens[i + fyLength].Text, out quarter))
        {
            fiscalYear = fyFirst;
            length = fyLength + 1;
        }
        else if (TryQuarterWord(t, out quarter))
        {
            length = 1;
            at = i + 1;
            if (TryFiscalYearNumber(c, at, out var fy, out var fyl))
            {
                fiscalYear = fy;
                length += fyl;
            }
            else if (TryYear(c, at, out var year))
            {
                fiscalYear = year;
                length += 1;
            }
        }
        else if (c.IsAny(i, "quarter") && at + 1 < c.Tokens.Count && c.Tokens[i + 1].IsNumber && c.Tokens[i + 1].Number is >= 1 and <= 4)
        {
            quarter = c.Tokens[i + 1].Number;
            length = 2;
        }
        else
        {
            return null;
        }

        var today = c.Today;
        DateRange range;
        if (fiscalYear is { } named)
        {
            range = c.Calendar.FiscalQuarter(named, quarter);
        }
        else
        {
            var fyNow = c.Calendar.FiscalYearNumber(today);
            range = c.Calendar.FiscalQuarter(fyNow, quarter);
            if (range.Start > today)
            {
                range = c.Calendar.FiscalQuarter(fyNow - 1, quarter);
            }
        }

        var phrase = fiscalYear is { } fyName
            ? string.Create(CultureInfo.InvariantCulture, $"in Q{quarter} {(c.Calendar.FiscalYearStartMonth == 1 ? fyName.ToString(CultureInfo.InvariantCulture) : "FY" + fyName.ToString(CultureInfo.InvariantCulture))}")
            : string.Create(CultureInfo.InvariantCulture, $"in Q{quarter}");
        var running = range.Contains(today);
        if (running)
        {
            phrase += " so far";
        }

        return new FoundPeriod(Clamp(range, today), phrase, PeriodUnit.Quarter, ToDate: running, FullUnit: range);
    }

    /// <summary>Fiscal halves: quarters 1-2 and 3-4 of the fiscal year (the calendar year by default).</summary>
    private static FoundPeriod? TryHalf(Context c, int i, out int length)
    {
        length = 0;
        var t = c.Tokens[i].Text;
        int half;
        int at;
        if (t is "h1" or "h2")
        {
            half = t[1] - '0';
            at = i + 1;
        }
        else if (c.IsAny(i, "first", "1", "second", "2") && c.IsAny(i + 1, "half"))
        {
            half = c.IsAny(i, "first", "1") ? 1 : 2;
            at = i + 2;
            if (c.IsAny(at, "of"))
            {
                at++;
            }
        }
        else
        {
            return null;
        }

        var today = c.Today;
        var fyNow = c.Calendar.FiscalYearNumber(today);
        int? fiscalYear = null;
        var explicitYear = false;
        if (TryFiscalYearNumber(c, at, out var fy, out var fyLength))
        {
            fiscalYear = fy;
            at += fyLength;
            explicitYear = true;
        }
        else if (TryYear(c, at, out var year))
        {
            fiscalYear = year;
            at++;
            explicitYear = true;
        }
        else if (c.IsAny(at, "the", "this") && c.IsAny(at + 1, "year"))
        {
            fiscalYear = fyNow;
            at += 2;
        }
        else if (c.IsAny(at, "last", "previous") && c.IsAny(at + 1, "year"))
        {
            fiscalYear = fyNow - 1;
            at += 2;
            explicitYear = true;
        }

        var range = new DateRange(c.Calendar.FiscalQuarter(fiscalYear ?? fyNow, 2 * half - 1).Start, c.Calendar.FiscalQuarter(fiscalYear ?? fyNow, 2 * half).End);
        if (!explicitYear && range.Start > today)
        {
            fiscalYear = fyNow - 1;
            range = new DateRange(c.Calendar.FiscalQuarter(fyNow - 1, 2 * half - 1).Start, c.Calendar.FiscalQuarter(fyNow - 1, 2 * half).End);
        }

        length = at - i;
        var phrase = string.Create(CultureInfo.InvariantCulture, $"in H{half}");
        if (fiscalYear is { } named && named != fyNow)
        {
            phrase += string.Create(CultureInfo.InvariantCulture, $" {(c.Calendar.FiscalYearStartMonth == 1 ? named.ToString(CultureInfo.InvariantCulture) : "FY" + named.ToString(CultureInfo.InvariantCulture))}");
        }

        var running = range.Contains(today);
        if (running)
        {
            phrase += " so far";
        }

        return new FoundPeriod(Clamp(range, today), phrase, PeriodUnit.Range, ToDate: running, FullUnit: range);
    }

    private static bool TryQuarterWord(string text, out int quarter)
    {
        quarter = 0;
        if (text.Length == 2 && text[0] == 'q' && text[1] is >= '1' and <= '4')
        {
            quarter = text[1] - '0';
            return true;
        }

        return false;
    }

    private static bool TryFiscalYearNumber(Context c, int i, out int year, out int length)
    {
        year = 0;
        length = 0;
        if (i >= c.Tokens.Count)
        {
            return false;
        }

        var t = c.Tokens[i].Text;
        if (t.StartsWith("fy", StringComparison.Ordinal) && t.Length is 4 or 6 && int.TryParse(t.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            year = n < 100 ? 2000 + n : n;
            length = 1;
            return year is >= 2000 and <= 2099;
        }

        if ((t == "fy" || t == "fiscal") && i + 1 < c.Tokens.Count && c.Tokens[i + 1].IsNumber)
        {
            var m = c.Tokens[i + 1].Number;
            year = m < 100 ? 2000 + m : m;
            length = 2;
            return year is >= 2000 and <= 2099;
        }

        return false;
    }

    private static bool TryYear(Context c, int i, out int year)
    {
        year = 0;
        if (i < 0 || i >= c.Tokens.Count || c.Tokens[i].Text.Length != 4 || !c.Tokens[i].IsNumber)
        {
            return false;
        }

        year = c.Tokens[i].Number;
        return year is >= 2000 and <= 2099;
    }

    /// <summary>"2026-09-03", "Sep 3", "Sep 3 2026", "3 Sep", "3rd of September"; years default to the most recent date not in the future (or not before <paramref name="notBefore"/>).</summary>
    private static DateOnly? TryDate(Context c, int i, out int length, DateOnly? notBefore = null)
    {
        length = 0;
        if (i < 0 || i >= c.Tokens.Count)
        {
            return null;
        }

        if (Tokenizer.TryParseIsoDate(c.Tokens[i].Text, out var iso))
        {
            if (iso.Year is < FirstYear or > LastYear)
            {
                return null;
            }

            length = 1;
            return iso;
        }

        int month, day, used;
        if (Vocabulary.Months.TryGetValue(c.Tokens[i].Text, out month) && i + 1 < c.Tokens.Count && c.Tokens[i + 1].IsNumber && c.Tokens[i + 1].Text.Length <= 2)
        {
            day = c.Tokens[i + 1].Number;
            used = 2;
        }
        else if (c.Tokens[i].IsNumber && c.Tokens[i].Text.Length <= 2)
        {
            day = c.Tokens[i].Number;
            var monthAt = c.IsAny(i + 1, "of") ? i + 2 : i + 1;
            if (monthAt >= c.Tokens.Count || !Vocabulary.Months.TryGetValue(c.Tokens[monthAt].Text, out month))
            {
                return null;
            }

            used = monthAt - i + 1;
        }
        else
        {
            return null;
        }

        if (day < 1 || day > 31)
        {
            return null;
        }

        int year;
        if (TryYear(c, i + used, out var explicitYear))
        {
            year = explicitYear;
            used++;
        }
        else if (notBefore is { } floor)
        {
            year = floor.Year;
            if (day <= DateTime.DaysInMonth(year, month) && new DateOnly(year, month, day) < floor)
            {
                year++;
            }
        }
        else
        {
            year = c.Today.Year;
            if (day <= DateTime.DaysInMonth(year, month) && new DateOnly(year, month, day) > c.Today)
            {
                year--;
            }
        }

        if (day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        length = used;
        return new DateOnly(year, month, day);
    }

    private static FoundPeriod LastWeekend(DateOnly today)
    {
        // Saturday of the latest weekend that has started before today; a weekend still running ends after today.
        var saturday = CostCalendar.StartOfWeek(today).AddDays(5);
        if (saturday >= today)
        {
            saturday = saturday.AddDays(-7);
        }

        var range = Clamp(new DateRange(saturday, saturday.AddDays(2)), today);
        return new FoundPeriod(range, "last weekend", PeriodUnit.Range);
    }

    private static DayOfWeek? Weekday(string text) => text switch
    {
        "monday" or "mon" => DayOfWeek.Monday,
        "tuesday" or "tue" or "tues" => DayOfWeek.Tuesday,
        "wednesday" or "wed" => DayOfWeek.Wednesday,
        "thursday" or "thu" or "thur" or "thurs" => DayOfWeek.Thursday,
        "friday" or "fri" => DayOfWeek.Friday,
        "saturday" or "sat" => DayOfWeek.Saturday,
        "sunday" or "sun" => DayOfWeek.Sunday,
        _ => null,
    };

    /// <summary>A bare weekday name counts only when it is spelled out in full (not "sat", "sun", "wed").</summary>
    private static bool WeekdayContext(Context c, int i) => c.Tokens[i].Text.EndsWith("day", StringComparison.Ordinal);

    private static bool MonthWordIsMonth(Context c, int i)
    {
        var t = c.Tokens[i].Text;
        if (t is not ("may" or "mar" or "march" or "dec" or "jan"))
        {
            return true;
        }

        // "may" and "march" are also verbs: only a month after a preposition or before a year.
        return c.IsAny(i - 1, "in", "for", "of", "during", "since", "from", "to", "vs", "versus", "and", "than", "with", "between", "until", "through")
            || TryYear(c, i + 1, out _)
            || i == 0 && c.Tokens.Count == 1;
    }

    private static PeriodUnit? UnitAt(Context c, int i, out int length)
    {
        length = 1;
        if (c.Is(i, "fiscal", "year") || c.Is(i, "financial", "year"))
        {
            length = 2;
            return PeriodUnit.FiscalYear;
        }

        if (c.IsAny(i, "fy"))
        {
            return PeriodUnit.FiscalYear;
        }

        return i < c.Tokens.Count ? c.Tokens[i].Stem switch
        {
            "day" => PeriodUnit.Days,
            "week" => PeriodUnit.Week,
            "month" => PeriodUnit.Month,
            "quarter" => PeriodUnit.Quarter,
            "year" => PeriodUnit.Year,
            _ => null,
        } : null;
    }

    private static int SoFarSuffix(Context c, int i) =>
        c.Is(i, "so", "far") || c.Is(i, "to", "date") ? 2 : 0;

    private static FoundPeriod RunningUnit(Context c, PeriodUnit unit)
    {
        var full = FullUnit(c.Calendar, unit, c.Today);
        var range = Clamp(full, c.Today);
        return new FoundPeriod(range, "this " + UnitName(unit) + " so far", unit, ToDate: true, FullUnit: full);
    }

    private static FoundPeriod YearToDate(DateOnly today)
    {
        var full = CostCalendar.CalendarYear(today.Year);
        return new FoundPeriod(Clamp(full, today), "this year so far", PeriodUnit.Year, ToDate: true, FullUnit: full);
    }

    /// <summary>The whole unit holding <paramref name="date"/>.</summary>
    public DateRange FullUnit(PeriodUnit unit, DateOnly date) => FullUnit(calendar, unit, date);

    private static DateRange FullUnit(CostCalendar calendar, PeriodUnit unit, DateOnly date) => unit switch
    {
        PeriodUnit.Day or PeriodUnit.Days => CostCalendar.Day(date),
        PeriodUnit.Week => CostCalendar.Week(date),
        PeriodUnit.Month => CostCalendar.Month(date),
        PeriodUnit.Quarter => calendar.Quarter(date),
        PeriodUnit.FiscalYear => calendar.FiscalYear(date),
        _ => CostCalendar.CalendarYear(date.Year),
    };

    /// <summary>The unit before <paramref name="current"/>, of the same kind.</summary>
    public static DateRange PreviousUnit(PeriodUnit unit, DateRange current) => unit switch
    {
        PeriodUnit.Day or PeriodUnit.Days => new DateRange(current.Start.AddDays(-1), current.Start),
        PeriodUnit.Week => new DateRange(current.Start.AddDays(-7), current.Start),
        PeriodUnit.Month => new DateRange(current.Start.AddMonths(-1), current.Start),
        PeriodUnit.Quarter => new DateRange(current.Start.AddMonths(-3), current.Start),
        PeriodUnit.Year or PeriodUnit.FiscalYear => new DateRange(current.Start.AddYears(-1), current.Start),
        _ => current.Previous(),
    };

    public static DateRange Clamp(DateRange range, DateOnly today)
    {
        var tomorrow = today.AddDays(1);
        return range.Contains(today) && range.End > tomorrow ? new DateRange(range.Start, tomorrow) : range;
    }

    public static string UnitName(PeriodUnit unit) => unit switch
    {
        PeriodUnit.Day or PeriodUnit.Days => "day",
        PeriodUnit.Week => "week",
        PeriodUnit.Month => "month",
        PeriodUnit.Quarter => "quarter",
        PeriodUnit.FiscalYear => "fiscal year",
        PeriodUnit.Year => "year",
        _ => "period",
    };

    private static string StripPreposition(string phrase) =>
        phrase.StartsWith("in ", StringComparison.Ordinal) || phrase.StartsWith("on ", StringComparison.Ordinal) ? phrase[3..] : phrase;

    private static string Short(DateOnly date) => date.ToString("MMM d", CultureInfo.InvariantCulture);

    private sealed record Context(IReadOnlyList<Token> Tokens, bool[] Consumed, DateOnly Today, TimeScan Scan, CostCalendar Calendar)
    {
        public bool Is(int i, params string[] words)
        {
            if (i < 0 || i + words.Length > Tokens.Count)
            {
                return false;
            }

            for (var k = 0; k < words.Length; k++)
            {
                if (Consumed[i + k] || !string.Equals(Tokens[i + k].Text, words[k], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        public bool IsAny(int i, params string[] words) =>
            i >= 0 && i < Tokens.Count && words.Contains(Tokens[i].Text, StringComparer.Ordinal);
    }
}
