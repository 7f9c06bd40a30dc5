using System.Globalization;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using FinOps.Core.Query;

namespace FinOps.Conversation.Answers;

/// <summary>Answers of the question kinds of issue 13: averages, shares, weekdays vs weekends, savings, and questions asked back.</summary>
public sealed partial class QuestionAnswerer
{
    /// <summary>The answer for a question whose measure needs its own composition; null when the intent's answer fits.</summary>
    private async Task<QuestionAnswer?> MeasureAsync(AnswerContext c, CancellationToken cancellationToken) => c.Question.Measure switch
    {
        QuestionMeasure.AveragePerDay when c.Question.Intent == QuestionIntent.Total => await AverageTotalAsync(c, monthly: false, cancellationToken),
        QuestionMeasure.AveragePerMonth when c.Question.Intent == QuestionIntent.Total => await AverageTotalAsync(c, monthly: true, cancellationToken),
        QuestionMeasure.AveragePerDay when c.Question.Intent is QuestionIntent.Breakdown or QuestionIntent.Top => AverageRows(c, await BreakdownAsync(c, cancellationToken)),
        QuestionMeasure.Share when c.Question.Intent == QuestionIntent.Total => await ShareAsync(c, cancellationToken),
        QuestionMeasure.WeekdaysVsWeekends => await WeekdaysVsWeekendsAsync(c, cancellationToken),
        QuestionMeasure.Savings or QuestionMeasure.SavingsRate or QuestionMeasure.UnusedCommitment => await SavingsAsync(c, cancellationToken),
        _ => null,
    };

    /// <summary>A word that would change the answer cannot be applied: say so first and offer what can be answered, never another question's number.</summary>
    private static QuestionAnswer AskBackUnapplied(ParsedQuestion question)
    {
        var first = question.Unapplied[0];
        var instead = question.Unapplied.SelectMany(u => u.Instead).Distinct(StringComparer.Ordinal).Take(4).ToList();
        var text = $"I can't apply \"{first.Word}\": {first.Reason}.";
        text += instead.Count > 0 ? $" Did you mean {JoinOr(instead.Select(q => "\"" + q + "\"").ToList())}?" : " Please ask without it.";
        var blocks = new List<CardBlock> { new TextBlock(text) };
        if (instead.Count > 0)
        {
            blocks.Add(new ActionsBlock(instead.Select((q, i) => new CardAction(AskExampleActionId, q, new Dictionary<string, string> { ["question"] = q }, i == 0 ? ActionStyle.Primary : ActionStyle.Default)).ToList()));
        }

        return new QuestionAnswer(question, null, null, null, [], text, new Card("clarify", text, blocks))
        {
            Clarify = instead.Select(q => new ClarifyOption(q, q, null)).ToList(),
        };
    }

    /// <summary>A typed resource id or name the data does not have: say so rather than answer "$0.00" for it.</summary>
    private async Task<QuestionAnswer?> UnknownResourceAsync(ParsedQuestion question, CancellationToken cancellationToken)
    {
        var typed = question.Query!.Filters.GetValueOrDefault(Dimension.Resource) ?? [];
        typed = typed.Concat(question.Query.Exclusions.GetValueOrDefault(Dimension.Resource) ?? []).ToList();
        if (typed.Count == 0)
        {
            return null;
        }

        var known = new HashSet<string>(await _queries.GetDimensionValuesAsync(Dimension.Resource, cancellationToken), StringComparer.OrdinalIgnoreCase);
        var missing = typed.Where(v => !known.Contains(v)).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var words = AnswerFormat.JoinAnd(missing.Select(m => "\"" + m + "\"").ToList());
        var text = $"I can't find {(missing.Count == 1 ? "a resource" : "resources")} {words} in the cost data (resources are matched by their ResourceName, else their ResourceId), so I can't answer for {(missing.Count == 1 ? "it" : "them")}. Check the spelling, or ask for the top resources to see their names.";
        const string instead = "top 10 resources this month";
        var blocks = new List<CardBlock>
        {
            new TextBlock(text),
            new ActionsBlock([new CardAction(AskExampleActionId, instead, new Dictionary<string, string> { ["question"] = instead }, ActionStyle.Primary)]),
        };
        return new QuestionAnswer(question, null, null, null, [], text, new Card("clarify", text, blocks)) { Clarify = [new ClarifyOption(instead, instead, null)] };
    }

    /// <summary>The ask-back card for a word matching several values, with its choices in <see cref="QuestionAnswer.Clarify"/>.</summary>
    private static QuestionAnswer WithClarifyOptions(QuestionAnswer answer)
    {
        var options = answer.Card.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Actions)
            .Select(a => new ClarifyOption(a.Title, null, a.Payload.TryGetValue("query", out var query) ? query : null)).ToList();
        return answer with { Clarify = options };
    }

    /// <summary>"Average daily spend was $1,000.00 last month (Oct 1-31, amortised): $31,000.00 over 31 days."</summary>
    private async Task<QuestionAnswer> AverageTotalAsync(AnswerContext c, bool monthly, CancellationToken cancellationToken)
    {
        var (subject, _) = Subject(c.Query);
        var what = subject is null ? "spend" : subject + " spend";
        string sentence;
        decimal average;
        decimal total;
        string currency;
        List<KeyValuePair<string, decimal?>> figures;
        if (monthly && CompleteMonths(c.Query.Period) is { Count: > 0 } months)
        {
            var span = new DateRange(months[0].Start, months[^1].End);
            var result = await _queries.QueryAsync(c.Query with { Period = span, ComparePeriod = null }, cancellationToken);
            (currency, total, _) = Totals(c, result);
            average = Math.Round(total / months.Count, 2, MidpointRounding.AwayFromZero);
            var left = c.Query.Period.End > span.End ? $"; {AnswerFormat.Day(span.End, c.Today.Year)} onwards is not a complete month and is left out" : string.Empty;
            sentence = $"Average monthly {what} was {AnswerFormat.Money(average, currency)} {c.Question.PeriodLabel.Phrase} ({c.Span(span)}, {c.Metric}): {AnswerFormat.Money(total, currency)} over {Count(months.Count, "complete month")}{left}.";
            figures = [new("value", average), new("total", total), new("months", months.Count)];
        }
        else
        {
            var result = await _queries.QueryAsync(c.Query with { ComparePeriod = null }, cancellationToken);
            (currency, total, _) = Totals(c, result);
            var days = CountDays(c.Query.Period, c.Query.Days);
            average = days == 0 ? 0 : Math.Round(total / days, 2, MidpointRounding.AwayFromZero);
            var kind = c.Query.Days switch { DayFilter.Weekends => "weekend day", DayFilter.Weekdays => "weekday", _ => "day" };
            var note = monthly ? " There is no complete month in this period, so this is the average per day." : string.Empty;
            sentence = $"Average daily {what} was {AnswerFormat.Money(average, currency)} {c.Question.PeriodLabel.Phrase} ({c.Span(c.Query.Period)}, {c.Metric}): {AnswerFormat.Money(total, currency)} over {Count(days, kind)}.{note}";
            figures = [new("value", average), new("total", total), new("days", days)];
        }

        var blocks = new List<CardBlock> { new TextBlock(sentence), new KeyNumberBlock(KeyLabel(c), new Money(average, currency), null), ContextLine(c, null) };
        return new QuestionAnswer(c.Question, currency, average, null, [], sentence, new Card("answer", sentence, blocks)) { Figures = new MeasureFigures("average", figures) };
    }

    /// <summary>A breakdown asked per day: each row carries its daily average and the first sentence says it.</summary>
    private static QuestionAnswer AverageRows(AnswerContext c, QuestionAnswer breakdown)
    {
        var days = CountDays(c.Query.Period, c.Query.Days);
        if (days == 0 || breakdown.Currency is not { } currency || breakdown.Total is not { } total)
        {
            return breakdown;
        }

        var rows = breakdown.Rows.Select(r => r with { Average = Math.Round(r.Value / days, 2, MidpointRounding.AwayFromZero) }).ToList();
        var average = Math.Round(total / days, 2, MidpointRounding.AwayFromZero);
        var lead = $"Average daily spend {c.Question.PeriodLabel.Phrase} was {AnswerFormat.Money(average, currency)} over {Count(days, "day")}";
        if (rows.Count > 0)
        {
            var first = c.Question.AsksForSmallest ? rows[^1] : rows[0];
            lead += $"; {AnswerFormat.JoinAnd(first.Key.Select(k => k.Key == Dimension.Team.ToString() ? AnswerFormat.DisplayName(k.Value) : k.Value).ToList())} averaged {AnswerFormat.Money(first.Average!.Value, currency)} a day";
        }

        var text = lead + ". " + breakdown.Text;
        var blocks = breakdown.Card.Blocks.ToList();
        blocks.Insert(0, new TextBlock(lead + "."));
        return breakdown with { Rows = rows, Text = text, Card = breakdown.Card with { Blocks = blocks }, Figures = new MeasureFigures("average", [new("value", average), new("total", total), new("days", days)]) };
    }

    /// <summary>"Microsoft was 23.4% of all spend this month so far (Nov 1-22, amortised): $2,300.00 of $9,800.00."</summary>
    private async Task<QuestionAnswer> ShareAsync(AnswerContext c, CancellationToken cancellationToken)
    {
        var result = await _queries.QueryAsync(c.Query with { ComparePeriod = null }, cancellationToken);
        var (currency, part, _) = Totals(c, result);

        // The base keeps a team when something else is asked about ("what share of payments' spend is AWS").
        var keepTeam = c.Query.Filters.Count > 1 && c.Query.Filters.ContainsKey(Dimension.Team);
        var baseFilters = c.Query.Filters.Where(f => keepTeam && f.Key == Dimension.Team).ToDictionary(f => f.Key, f => f.Value);
        var baseQuery = c.Query with { Filters = baseFilters, ComparePeriod = null };
        var all = await _queries.QueryAsync(baseQuery, cancellationToken);
        var whole = all.ByCurrency.FirstOrDefault(p => p.Currency == currency)?.Total ?? 0m;
        var (subject, _) = Subject(c.Query);
        var (baseSubject, _) = Subject(baseQuery);
        var of = baseSubject is null ? "all spend" : baseSubject + " spend";
        string sentence;
        decimal? share = null;
        if (whole == 0)
        {
            sentence = $"There was no {of} {c.Question.PeriodLabel.Phrase} ({c.Span(c.Query.Period)}, {c.Metric}), so there is no share to give.";
        }
        else
        {
            share = Math.Round(part / whole, 4, MidpointRounding.AwayFromZero);
            sentence = $"{subject ?? "Spend"} was {AnswerFormat.Percent(share.Value)} of {of} {c.Question.PeriodLabel.Phrase} ({c.Span(c.Query.Period)}, {c.Metric}): {AnswerFormat.Money(part, currency)} of {AnswerFormat.Money(whole, currency)}.";
        }

        var blocks = new List<CardBlock> { new TextBlock(sentence), new KeyNumberBlock(KeyLabel(c), new Money(part, currency), null), ContextLine(c, null) };
        return new QuestionAnswer(c.Question, currency, part, null, [], sentence, new Card("answer", sentence, blocks))
        {
            Figures = new MeasureFigures("share", [new("value", share), new("of", whole)]),
        };
    }

    /// <summary>Weekdays and weekends side by side, per day too: a month has more weekdays, so only the daily figures compare like for like.</summary>
    private async Task<QuestionAnswer> WeekdaysVsWeekendsAsync(AnswerContext c, CancellationToken cancellationToken)
    {
        var weekdays = await _queries.QueryAsync(c.Query with { Days = DayFilter.Weekdays, ComparePeriod = null, GroupBy = [], Top = null, Granularity = null }, cancellationToken);
        var weekends = await _queries.QueryAsync(c.Query with { Days = DayFilter.Weekends, ComparePeriod = null, GroupBy = [], Top = null, Granularity = null }, cancellationToken);
        var currency = weekdays.Primary?.Currency ?? weekends.Primary?.Currency ?? c.FallbackCurrency ?? "USD";
        var onWeekdays = weekdays.ByCurrency.FirstOrDefault(p => p.Currency == currency)?.Total ?? 0m;
        var onWeekends = weekends.ByCurrency.FirstOrDefault(p => p.Currency == currency)?.Total ?? 0m;
        var weekdayCount = CountDays(c.Query.Period, DayFilter.Weekdays);
        var weekendCount = CountDays(c.Query.Period, DayFilter.Weekends);
        var perWeekday = weekdayCount == 0 ? 0 : Math.Round(onWeekdays / weekdayCount, 2, MidpointRounding.AwayFromZero);
        var perWeekend = weekendCount == 0 ? 0 : Math.Round(onWeekends / weekendCount, 2, MidpointRounding.AwayFromZero);
        var (subject, _) = Subject(c.Query);
        var sentence = $"{(subject is null ? string.Empty : subject + ": ")}weekdays cost {AnswerFormat.Money(onWeekdays, currency)} {c.Question.PeriodLabel.Phrase} ({c.Span(c.Query.Period)}, {c.Metric}; {Count(weekdayCount, "day")}, {AnswerFormat.Money(perWeekday, currency)} a day) and weekends {AnswerFormat.Money(onWeekends, currency)} ({Count(weekendCount, "day")}, {AnswerFormat.Money(perWeekend, currency)} a day)";
        sentence = AnswerFormat.Capitalise(sentence) + $", {AnswerFormat.Money(onWeekdays + onWeekends, currency)} in all";
        sentence += weekdayCount > 0 && weekendCount > 0 && perWeekday != 0 ? $"; a weekend day costs {AnswerFormat.Change(perWeekend, perWeekday).Replace("up ", string.Empty, StringComparison.Ordinal).Replace("down ", string.Empty, StringComparison.Ordinal)} {(perWeekend >= perWeekday ? "more" : "less")} than a weekday." : ".";
        var total = onWeekdays + onWeekends;
        var rows = new List<AnswerRow>
        {
            new([new("days", "weekdays")], onWeekdays, null) { Average = perWeekday, Share = total == 0 ? null : Math.Round(onWeekdays / total, 4, MidpointRounding.AwayFromZero) },
            new([new("days", "weekends")], onWeekends, null) { Average = perWeekend, Share = total == 0 ? null : Math.Round(onWeekends / total, 4, MidpointRounding.AwayFromZero) },
        };
        var table = new CostTableBlock("Days", rows.Select(r => new CostTableRow($"{AnswerFormat.Capitalise(r.Key[0].Value)} ({AnswerFormat.Money(r.Average!.Value, currency)} a day)", new Money(r.Value, currency), null, r.Share)).ToList(),
            new CostTableRow("Total", new Money(total, currency), null, total == 0 ? null : 1m));
        var blocks = new List<CardBlock> { new TextBlock(sentence), table, ContextLine(c, null) };
        return new QuestionAnswer(c.Question, currency, total, null, rows, sentence, new Card("answer", sentence, blocks))
        {
            Figures = new MeasureFigures("days", [new("weekdays", weekdayCount), new("weekends", weekendCount), new("perWeekday", perWeekday), new("perWeekend", perWeekend)]),
        };
    }

    /// <summary>
    /// Savings the FOCUS way: list cost against contracted cost (negotiated rates) against effective cost (commitment
    /// discounts), the effective savings rate, and unused commitment. Never "$0 saved" for want of list prices: the
    /// answer then says the data has none.
    /// </summary>
    private async Task<QuestionAnswer> SavingsAsync(AnswerContext c, CancellationToken cancellationToken)
    {
        var plain = c.Query with { ComparePeriod = null, GroupBy = [], Top = null, Granularity = null, CommitmentDiscountStatus = null };
        var effectiveResult = await _queries.QueryAsync(plain with { Metric = CostMetric.EffectiveCost }, cancellationToken);
        var currency = effectiveResult.Primary?.Currency ?? c.FallbackCurrency ?? "USD";
        async Task<decimal> SumAsync(CostQuery query) =>
            (await _queries.QueryAsync(query, cancellationToken)).ByCurrency.FirstOrDefault(p => p.Currency == currency)?.Total ?? 0m;

        var effective = effectiveResult.ByCurrency.FirstOrDefault(p => p.Currency == currency)?.Total ?? 0m;
        var list = await SumAsync(plain with { Metric = CostMetric.ListCost });
        var contracted = await SumAsync(plain with { Metric = CostMetric.ContractedCost });
        var unused = await SumAsync(plain with { Metric = CostMetric.EffectiveCost, CommitmentDiscountStatus = QuestionParser.UnusedStatus });
        var (subject, _) = Subject(plain);
        var scope = subject is null ? string.Empty : " for " + subject;
        var when = $"{c.Question.PeriodLabel.Phrase} ({c.Span(plain.Period)})";
        var unusedShare = effective == 0 ? string.Empty : $", {AnswerFormat.Percent(unused / effective)} of the {AnswerFormat.Money(effective, currency)} effective cost";
        var unusedSentence = $"Unused commitment cost {AnswerFormat.Money(unused, currency)}{scope} {when}: commitments paid for and not used (FOCUS CommitmentDiscountStatus \"Unused\"){unusedShare}.";
        var blocks = new List<CardBlock>();
        string sentence;
        decimal? total;
        decimal? rate = null;
        if (list == 0 && contracted == 0)
        {
            sentence = c.Question.Measure == QuestionMeasure.UnusedCommitment
                ? unusedSentence
                : $"The cost data has no list or contracted prices{scope} {when} (FOCUS ListCost and ContractedCost are empty), so savings cannot be worked out; the effective cost was {AnswerFormat.Money(effective, currency)}.";
            total = c.Question.Measure == QuestionMeasure.UnusedCommitment ? unused : null;
        }
        else
        {
            var saved = list - effective;
            var negotiated = list - contracted;
            var commitment = contracted - effective;
            rate = list == 0 ? null : Math.Round(saved / list, 4, MidpointRounding.AwayFromZero);
            var rateText = rate is { } r ? AnswerFormat.Percent(r) : "n/a";
            var split = $"negotiated rates {AnswerFormat.Money(negotiated, currency)} (list {AnswerFormat.Money(list, currency)} to contracted {AnswerFormat.Money(contracted, currency)}), commitment discounts {AnswerFormat.Money(commitment, currency)} (contracted to effective {AnswerFormat.Money(effective, currency)})";
            (sentence, total) = c.Question.Measure switch
            {
                QuestionMeasure.SavingsRate => ($"The effective savings rate{scope} was {rateText} {when}: {AnswerFormat.Money(saved, currency)} saved on {AnswerFormat.Money(list, currency)} at list prices; {split}.", saved),
                QuestionMeasure.UnusedCommitment => (unusedSentence, unused),
                _ => ($"Commitments and negotiated rates saved {AnswerFormat.Money(saved, currency)}{scope} {when}, an effective savings rate of {rateText}: {split}.", saved),
            };
            if (c.Question.Measure != QuestionMeasure.UnusedCommitment)
            {
                sentence += " " + unusedSentence;
            }

            blocks.Add(new FactsBlock(
            [
                new Fact("List cost", AnswerFormat.Money(list, currency)),
                new Fact("Contracted cost", AnswerFormat.Money(contracted, currency)),
                new Fact("Effective cost", AnswerFormat.Money(effective, currency)),
                new Fact("Effective savings rate", rateText),
                new Fact("Unused commitment", AnswerFormat.Money(unused, currency)),
            ]));
        }

        blocks.Insert(0, new TextBlock(sentence));
        blocks.Add(new ContextBlock("Savings = ListCost - EffectiveCost (negotiated rates: ListCost - ContractedCost; commitment discounts: ContractedCost - EffectiveCost); effective savings rate = savings / ListCost. " + ContextText(c, null)));
        return new QuestionAnswer(c.Question, currency, total, null, [], sentence, new Card("answer", sentence, blocks))
        {
            Figures = new MeasureFigures("savings",
            [
                new("listCost", list), new("contractedCost", contracted), new("effectiveCost", effective),
                new("negotiatedSavings", list == 0 && contracted == 0 ? null : list - contracted),
                new("commitmentSavings", list == 0 && contracted == 0 ? null : contracted - effective),
                new("totalSavings", list == 0 && contracted == 0 ? null : list - effective),
                new("effectiveSavingsRate", rate), new("unusedCommitmentCost", unused),
            ]),
        };
    }

    /// <summary>Breakdown rows each carry their share of the total, asked for or not.</summary>
    private static QuestionAnswer WithShares(QuestionAnswer answer)
    {
        if (answer.Question.Intent is not (QuestionIntent.Breakdown or QuestionIntent.Top or QuestionIntent.Unallocated) || answer.Total is not { } total || total == 0
            || answer.Rows.Count == 0 || answer.Rows.Any(r => r.Share is not null) || answer.Question.Measure != QuestionMeasure.Amount && answer.Question.Measure is not (QuestionMeasure.Share or QuestionMeasure.AveragePerDay))
        {
            return answer;
        }

        // Four decimals: a share to a hundredth of a percent, and the JSON stays readable.
        return answer with { Rows = answer.Rows.Select(r => r with { Share = Math.Round(r.Value / total, 4, MidpointRounding.AwayFromZero) }).ToList() };
    }

    /// <summary>The calendar months lying wholly inside <paramref name="period"/>.</summary>
    private static List<DateRange> CompleteMonths(DateRange period) =>
        CostCalendar.Buckets(period, Granularity.Month).Select(CostCalendar.Month).Where(m => m.Start >= period.Start && m.End <= period.End).ToList();

    private static int CountDays(DateRange period, DayFilter days)
    {
        var count = 0;
        for (var d = period.Start; d < period.End; d = d.AddDays(1))
        {
            var weekend = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            count += days switch { DayFilter.Weekends => weekend ? 1 : 0, DayFilter.Weekdays => weekend ? 0 : 1, _ => 1 };
        }

        return count;
    }

    private static string JoinOr(List<string> items) =>
        items.Count <= 1 ? string.Join(string.Empty, items) : string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1];

    private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : noun + "s");

    /// <summary>"on weekends", "excluding AWS": the day and exclusion filters, for the subject of the first sentence.</summary>
    private static IEnumerable<string> KindPhrases(CostQuery query)
    {
        if (query.Days != DayFilter.All)
        {
            yield return query.Days == DayFilter.Weekends ? "on weekends" : "on weekdays";
        }

        if (query.Exclusions.Count > 0)
        {
            yield return "excluding " + AnswerFormat.JoinAnd(query.Exclusions.SelectMany(e => e.Value.Select(v => e.Key == Dimension.Team ? AnswerFormat.DisplayName(v) : e.Key == Dimension.ChargeCategory ? v.ToLowerInvariant() : v)).ToList());
        }

        if (query.CommitmentDiscountStatus is { } status)
        {
            yield return $"with commitment status {status}";
        }
    }
}
