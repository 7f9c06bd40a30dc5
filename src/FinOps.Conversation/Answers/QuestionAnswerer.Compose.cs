using System.Globalization;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using FinOps.Core.Query;

namespace FinOps.Conversation.Answers;

public sealed partial class QuestionAnswerer
{
    private static QuestionAnswer Freshness(AnswerContext c)
    {
        string text;
        if (c.Coverage is null)
        {
            text = "No cost data has been imported yet.";
        }
        else
        {
            var imported = c.Coverage.LastImportedAt.ToUniversalTime();
            var covered = c.Coverage.Dates;
            var last = covered.IsEmpty ? covered.Start : covered.End.AddDays(-1);
            text = string.Create(CultureInfo.InvariantCulture,
                $"Cost data was last imported on {imported:MMM d, yyyy} at {imported:HH:mm} UTC and covers {AnswerFormat.Day(covered.Start, 0)} to {AnswerFormat.Day(last, 0)}");
            text += c.Coverage.Currencies.Count > 0 ? $" ({string.Join(", ", c.Coverage.Currencies)})." : ".";
            var lagDays = c.Today.DayNumber - covered.End.DayNumber;
            if (lagDays > 2)
            {
                text += string.Create(CultureInfo.InvariantCulture, $" The newest day is {lagDays + 1} days old: exports may have stopped.");
            }

            if (c.DataThrough is { Synced.Count: > 0 } synced && FreshnessText.Sentence(synced.Synced, c.Today.Year) is { } complete)
            {
                text += " " + complete;
            }
        }

        var card = new Card("freshness", text, [new TextBlock(text)]);
        return new QuestionAnswer(c.Question, null, null, null, [], text, card);
    }

    private static QuestionAnswer PeriodProblem(ParsedQuestion question, string problem)
    {
        var text = $"I can't use that period: {problem}. Ask about a period such as \"last month\", \"Q3 2026\" or \"from 2026-09-01 to 2026-09-30\".";
        var card = new Card("answer", text, [new TextBlock(text)]);
        return new QuestionAnswer(question, null, null, null, [], text, card);
    }

    private static QuestionAnswer NoDataYet(AnswerContext c, DateOnly last)
    {
        var text = $"There is no cost data for {c.Question.PeriodLabel.Phrase} ({c.Span(c.Query.Period)}) yet: the data runs through {AnswerFormat.Day(last, c.Today.Year)}. Cloud providers deliver cost exports a day or more after the usage.";
        var card = new Card("answer", text, [new TextBlock(text), ContextLine(c, null)]);
        return new QuestionAnswer(c.Question, null, null, null, [], text, card);
    }

    private async Task<QuestionAnswer> TotalAsync(AnswerContext c, CancellationToken cancellationToken)
    {
        // The "up 4% on the week before" context only when the data reaches back to the start of that period:
        // against a partly covered period the change would be an artefact of the missing days.
        var query = c.Question.ContextComparePeriod is { } previous && c.Coverage is { } coverage && coverage.Dates.Start <= previous.Start
            ? c.Query with { ComparePeriod = previous }
            : c.Query;
        var result = await _queries.QueryAsync(query, cancellationToken);
        var (currency, total, compareTotal) = Totals(c, result);
        var sentence = Lead(c, total, currency);
        var blocks = new List<CardBlock>();
        Delta? delta = null;
        decimal? stated = null;
        if (compareTotal is { } before && c.Question.ContextCompareLabel is { } label && (before != 0 || total != 0))
        {
            sentence += $", {AnswerFormat.Change(total, before)} on {label.Phrase}.";
            stated = before;
            delta = query.ComparePeriod is { } compared && LikeForLike(query.Period, compared) ? Delta.Between(new Money(total, currency), new Money(before, currency)) : null;
        }
        else
        {
            sentence += ".";
        }

        sentence += await RunningUnitContextAsync(c, total, currency, cancellationToken);
        blocks.Add(new TextBlock(sentence));
        blocks.Add(new KeyNumberBlock(KeyLabel(c), new Money(total, currency), delta));
        var text = AddOtherCurrencies(sentence, result, blocks);
        blocks.Add(ContextLine(c, compareTotal is null ? null : query.ComparePeriod));
        return new QuestionAnswer(c.Question, currency, total, stated, [], text, new Card("answer", text, blocks));
    }

    private async Task<QuestionAnswer> BreakdownAsync(AnswerContext c, CancellationToken cancellationToken)
    {
        var result = await _queries.QueryAsync(c.Query, cancellationToken);
        var (currency, total, _) = Totals(c, result);
        var part = result.Primary;
        var rows = part is null ? [] : SortByValue(part.Rows).ToList();
        var sentence = Lead(c, total, currency);
        var dimensionName = DimensionNoun(c.Query.GroupBy[0]);
        if (rows.Count > 0 && total != 0)
        {
            var smallest = c.Question.AsksForSmallest && c.Question.Intent == QuestionIntent.Breakdown;
            var first = smallest ? rows[^1] : rows[0];
            var share = AnswerFormat.Percent(first.Value / total);
            var verb = c.Query.GroupBy[0] == Dimension.Team ? "spent" : "cost";
            sentence = c.Question.Intent == QuestionIntent.Top
                ? $"{RowLabel(first, c.Query.GroupBy)} {verb} the most {c.Question.PeriodLabel.Phrase}: {AnswerFormat.Money(first.Value, currency)}, {share} of {AnswerFormat.Money(total, currency)} ({c.Span(c.Query.Period)}, {c.Metric})."
                : $"{sentence}; {RowLabel(first, c.Query.GroupBy)} was the {(smallest ? "smallest" : "largest")} {dimensionName} at {AnswerFormat.Money(first.Value, currency)} ({share}).";
        }
        else
        {
            sentence += ".";
        }

        var blocks = new List<CardBlock> { new TextBlock(sentence) };
        if (rows.Count > 0)
        {
            var tableRows = rows.Take(TableRows).Select(r => new CostTableRow(RowLabel(r, c.Query.GroupBy), new Money(r.Value, currency), null, total == 0 ? null : r.Value / total)).ToList();
            var hidden = rows.Skip(TableRows).Sum(r => r.Value) + (part?.Other?.Value ?? 0);
            var hiddenCount = Math.Max(0, rows.Count - TableRows);
            if (hidden != 0 || part?.Other is not null)
            {
                tableRows.Add(new CostTableRow(hiddenCount > 0 ? $"Other ({hiddenCount.ToString(CultureInfo.InvariantCulture)} more)" : "Other", new Money(hidden, currency), null, total == 0 ? null : hidden / total));
            }

            blocks.Add(new CostTableBlock(TableHeader(c.Query.GroupBy), tableRows, new CostTableRow("Total", new Money(total, currency), null, total == 0 ? null : 1m)));
        }

        var text = AddOtherCurrencies(sentence, result, blocks);
        blocks.Add(ContextLine(c, null));
        return new QuestionAnswer(c.Question, currency, total, null, rows.Select(r => ToAnswerRow(c.Query, r)).ToList(), text, new Card("answer", text, blocks));
    }

    private async Task<QuestionAnswer> TrendAsync(AnswerContext c, CancellationToken cancellationToken)
    {
        var result = await _queries.QueryAsync(c.Query, cancellationToken);
        var (currency, total, _) = Totals(c, result);
        var part = result.Primary;
        var granularity = c.Query.Granularity ?? Granularity.Day;
        var rows = (part?.Rows ?? []).OrderBy(r => r.Bucket).ThenByDescending(r => r.Value).ThenBy(r => string.Join('\u0001', r.Key), StringComparer.Ordinal).ToList();
        var byBucket = rows.Where(r => r.Bucket is not null).GroupBy(r => r.Bucket!.Value).ToDictionary(g => g.Key, g => g.Sum(r => r.Value));
        var buckets = CostCalendar.Buckets(c.Query.Period, granularity).ToList();
        var points = buckets.Select(b => new ChartPoint(BucketLabel(b, granularity, c.Today), byBucket.GetValueOrDefault(b))).ToList();
        var unit = granularity switch { Granularity.Day => "day", Granularity.Week => "week", _ => "month" };

        var sentence = Lead(c, total, currency);
        string alt;
        if (byBucket.Count > 0)
        {
            var peak = byBucket.MaxBy(kv => kv.Value);
            var low = byBucket.MinBy(kv => kv.Value);
            sentence += $"; the highest {unit} was {BucketLabel(peak.Key, granularity, c.Today)} at {AnswerFormat.Money(peak.Value, currency)}.";
            alt = $"{AnswerFormat.Capitalise(unit)} by {unit} spend {c.Span(c.Query.Period)}: highest {AnswerFormat.Money(peak.Value, currency)} ({BucketLabel(peak.Key, granularity, c.Today)}), lowest {AnswerFormat.Money(low.Value, currency)} ({BucketLabel(low.Key, granularity, c.Today)}), total {AnswerFormat.Money(total, currency)}.";
        }
        else
        {
            sentence += ".";
            alt = $"No spend {c.Question.PeriodLabel.Phrase}.";
        }

        var blocks = new List<CardBlock> { new TextBlock(sentence) };
        if (buckets.Count > 0)
        {
            var title = $"{AnswerFormat.Capitalise(granularity switch { Granularity.Day => "daily", Granularity.Week => "weekly", _ => "monthly" })} spend, {c.Span(c.Query.Period)} ({c.Metric})";
            blocks.Add(new ChartBlock(new ChartSpec(title, currency, points), alt));
        }

        var text = AddOtherCurrencies(sentence, result, blocks);
        blocks.Add(ContextLine(c, null));
        return new QuestionAnswer(c.Question, currency, total, null, rows.Select(r => ToAnswerRow(c.Query, r)).ToList(), text, new Card("answer", text, blocks));
    }

    private async Task<QuestionAnswer> CompareAsync(AnswerContext c, CancellationToken cancellationToken)
    {
        var result = await _queries.QueryAsync(c.Query, cancellationToken);
        var (currency, total, compareTotal) = Totals(c, result);
        var before = compareTotal ?? 0;
        var comparePeriod = c.Query.ComparePeriod!;
        var sentence = Lead(c, total, currency) + ComparisonClause(c, total, before, currency, comparePeriod);
        sentence += await RunningUnitContextAsync(c, total, currency, cancellationToken);
        var likeForLike = LikeForLike(c.Query.Period, comparePeriod);
        var blocks = new List<CardBlock>
        {
            new TextBlock(sentence),
            new KeyNumberBlock(KeyLabel(c), new Money(total, currency), likeForLike ? Delta.Between(new Money(total, currency), new Money(before, currency)) : null),
        };

        var rows = result.Primary is { } part ? SortByValue(part.Rows).ToList() : [];
        if (rows.Count > 0)
        {
            blocks.Add(new CostTableBlock(TableHeader(c.Query.GroupBy), rows.Take(TableRows).Select(r => new CostTableRow(
                RowLabel(r, c.Query.GroupBy), new Money(r.Value, currency), likeForLike ? Delta.Between(new Money(r.Value, currency), new Money(r.CompareValue ?? 0, currency)) : null, total == 0 ? null : r.Value / total)).ToList()));
        }

        var text = AddOtherCurrencies(sentence, result, blocks);
        blocks.Add(ContextLine(c, comparePeriod));
        return new QuestionAnswer(c.Question, currency, total, before, rows.Select(r => ToAnswerRow(c.Query, r)).ToList(), text, new Card("answer", text, blocks));
    }

    private async Task<QuestionAnswer> DriversAsync(AnswerContext c, CancellationToken cancellationToken)
    {
        var comparePeriod = c.Query.ComparePeriod!;
        var totalResult = await _queries.QueryAsync(c.Query with { GroupBy = [], Top = null, Granularity = null }, cancellationToken);
        var (currency, total, compareTotal) = Totals(c, totalResult);
        var before = compareTotal ?? 0;
        var delta = total - before;

        var dimensions = c.Query.GroupBy.Count > 0
            ? c.Query.GroupBy.Take(1).ToArray()
            : DriverDimensions.Where(d => !(c.Query.Filters.TryGetValue(d, out var values) && values.Count == 1)).ToArray();
        var ranked = new List<(Dimension Dimension, List<CostRow> Rows)>();
        foreach (var dimension in dimensions)
        {
            var grouped = await _queries.QueryAsync(c.Query with { GroupBy = [dimension], Top = null, Granularity = null }, cancellationToken);
            var part = grouped.ByCurrency.FirstOrDefault(p => p.Currency == currency);
            var direction = c.Question.RankChanges;
            var rows = (direction switch
                {
                    ChangeDirection.Up => (part?.Rows ?? []).OrderByDescending(Change),
                    ChangeDirection.Down => (part?.Rows ?? []).OrderBy(Change),
                    _ => (part?.Rows ?? []).OrderByDescending(r => Math.Abs(Change(r))).ThenByDescending(r => Math.Sign(Change(r)) == Math.Sign(delta)),
                })
                .ThenBy(r => string.Join('\u0001', r.Key), StringComparer.Ordinal).ToList();
            ranked.Add((dimension, rows));
        }

        var totalSentence = Lead(c, total, currency) + ComparisonClause(c, total, before, currency, comparePeriod).TrimEnd('.');
        string sentence;
        if (c.Question.RankChanges != ChangeDirection.Any && ranked.Count == 1)
        {
            // "which team grew the most": the first sentence names one that really grew (or says none did), the total follows.
            sentence = RankedChange(c, ranked[0].Dimension, ranked[0].Rows, currency, comparePeriod) + " " + totalSentence + ".";
        }
        else
        {
            var named = ranked.Where(r => r.Rows.Count > 0 && Change(r.Rows[0]) != 0).Select(r => $"{DimensionNoun(r.Dimension)} {RowLabel(r.Rows[0], [r.Dimension])} ({Signed(Change(r.Rows[0]), currency)})").ToList();
            sentence = totalSentence + (named.Count > 0 && delta != 0 ? $". Largest changes: {AnswerFormat.JoinAnd(named)}." : ".");
        }

        var likeForLike = LikeForLike(c.Query.Period, comparePeriod);
        var blocks = new List<CardBlock>
        {
            new TextBlock(sentence),
            new KeyNumberBlock(KeyLabel(c), new Money(total, currency), likeForLike ? Delta.Between(new Money(total, currency), new Money(before, currency)) : null),
        };
        foreach (var (dimension, rows) in ranked.Where(r => r.Rows.Count > 0))
        {
            blocks.Add(new CostTableBlock(AnswerFormat.Capitalise(DimensionNoun(dimension)), rows.Take(DriversPerDimension).Select(r => new CostTableRow(
                RowLabel(r, [dimension]), new Money(r.Value, currency), likeForLike ? Delta.Between(new Money(r.Value, currency), new Money(r.CompareValue ?? 0, currency)) : null,
                delta == 0 ? null : Change(r) / delta)).ToList()));
        }

        var best = c.Question.RankChanges != ChangeDirection.Any && ranked.Count == 1
            ? ranked[0]
            : ranked.Where(r => r.Rows.Count > 0).OrderByDescending(r => Math.Abs(Change(r.Rows[0]))).Select(r => r).FirstOrDefault();
        var answerRows = best.Rows is null ? [] : best.Rows.Select(r => new AnswerRow([new(best.Dimension.ToString(), r.Key[0])], r.Value, r.CompareValue ?? 0)).ToList();
        var text = AddOtherCurrencies(sentence, totalResult, blocks);
        blocks.Add(ContextLine(c, comparePeriod));
        return new QuestionAnswer(c.Question, currency, total, before, answerRows, text, new Card("answer", text, blocks));
    }

    private async Task<QuestionAnswer> UnallocatedAsync(AnswerContext c, CancellationToken cancellationToken)
    {
        var result = await _queries.QueryAsync(c.Query, cancellationToken);
        var (currency, unallocated, _) = Totals(c, result);
        var withoutTeam = c.Query.Filters.Where(f => f.Key != Dimension.Team).ToDictionary(f => f.Key, f => f.Value);
        var all = await _queries.QueryAsync(c.Query with { Filters = withoutTeam, GroupBy = [], Top = null, ComparePeriod = null }, cancellationToken);
        var allTotal = all.ByCurrency.FirstOrDefault(p => p.Currency == currency)?.Total ?? 0;
        var (scope, _) = Subject(c.Query with { Filters = withoutTeam });
        var of = scope is null ? "spend" : scope + " spend";
        var sentence = $"{AnswerFormat.Money(unallocated, currency)} of {of} was unallocated {c.Question.PeriodLabel.Phrase} ({c.Span(c.Query.Period)}, {c.Metric})";
        sentence += allTotal != 0 ? $", {AnswerFormat.Percent(unallocated / allTotal)} of the {AnswerFormat.Money(allTotal, currency)} total." : ".";
        var blocks = new List<CardBlock> { new TextBlock(sentence) };

        var rows = result.Primary is { } part ? SortByValue(part.Rows).ToList() : [];
        var tableQuery = c.Query;
        var tableRows = rows;
        if (c.Query.GroupBy.Count == 0 && unallocated != 0)
        {
            // What to tag next: the services holding the unallocated cost.
            tableQuery = c.Query with { GroupBy = [Dimension.Service], Top = 5 };
            var byService = await _queries.QueryAsync(tableQuery, cancellationToken);
            tableRows = byService.ByCurrency.FirstOrDefault(p => p.Currency == currency) is { } services ? SortByValue(services.Rows).ToList() : [];
        }

        if (tableRows.Count > 0)
        {
            blocks.Add(new CostTableBlock(TableHeader(tableQuery.GroupBy), tableRows.Take(TableRows).Select(r => new CostTableRow(RowLabel(r, tableQuery.GroupBy), new Money(r.Value, currency), null, unallocated == 0 ? null : r.Value / unallocated)).ToList()));
            if (c.Query.GroupBy.Count == 0)
            {
                blocks.Add(new TextBlock("Tagging these services' resources with a `team` tag moves their cost to a team."));
            }
        }

        var text = AddOtherCurrencies(sentence, result, blocks);
        blocks.Add(ContextLine(c, null));
        return new QuestionAnswer(c.Question, currency, unallocated, null, rows.Select(r => ToAnswerRow(c.Query, r)).ToList(), text, new Card("answer", text, blocks));
    }

    private static (string Currency, decimal Total, decimal? CompareTotal) Totals(AnswerContext c, CostQueryResult result)
    {
        var part = result.Primary;
        return part is null
            ? (c.FallbackCurrency ?? "USD", 0m, c.Query.ComparePeriod is null && c.Question.ContextComparePeriod is null ? null : 0m)
            : (part.Currency, part.Total, part.CompareTotal);
    }

    /// <summary>"Payments spent $6,880.66 last week (Nov 16-22, amortised)" without the final full stop.</summary>
    private static string Lead(AnswerContext c, decimal total, string currency)
    {
        var (subject, isTeam) = Subject(c.Query);
        var money = AnswerFormat.Money(total, currency);
        var when = $"{c.Question.PeriodLabel.Phrase} ({c.Span(c.Query.Period)}, {c.Metric})";
        return subject is null ? $"Total spend was {money} {when}" : $"{subject} {(isTeam ? "spent" : "cost")} {money} {when}";
    }

    private static string ComparisonClause(AnswerContext c, decimal total, decimal before, string currency, DateRange comparePeriod)
    {
        var label = c.Question.ComparePeriodLabel?.Phrase ?? "the period before";
        var change = AnswerFormat.Change(total, before);
        var amount = total == before ? string.Empty : $" ({Signed(total - before, currency)})";
        var unequal = LikeForLike(c.Query.Period, comparePeriod)
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $"; the periods differ in length ({c.Query.Period.Days} and {comparePeriod.Days} days), so the change is not like for like");
        return $", {change}{amount} on {label} ({AnswerFormat.Money(before, currency)}, {c.Span(comparePeriod)}){unequal}.";
    }

    /// <summary>"Payments grew the most this month through Dec 2 (Dec 1-2, amortised): +$200.00 on the same days last month ($1,200.00 to $1,400.00, Nov 1-2)."</summary>
    private static string RankedChange(AnswerContext c, Dimension dimension, List<CostRow> rows, string currency, DateRange comparePeriod)
    {
        var up = c.Question.RankChanges == ChangeDirection.Up;
        var verb = up ? "grew" : "shrank";
        var label = c.Question.ComparePeriodLabel?.Phrase ?? "the period before";
        var when = $"{c.Question.PeriodLabel.Phrase} ({c.Span(c.Query.Period)}, {c.Metric})";
        var first = rows.Count > 0 ? rows[0] : null;
        if (first is null || (up ? Change(first) <= 0 : Change(first) >= 0))
        {
            return $"No {DimensionNoun(dimension)} {verb} {when} compared with {label} ({c.Span(comparePeriod)}).";
        }

        return $"{RowLabel(first, [dimension])} {verb} the most {when}: {Signed(Change(first), currency)} on {label} " +
            $"({AnswerFormat.Money(first.CompareValue ?? 0, currency)} to {AnswerFormat.Money(first.Value, currency)}, {c.Span(comparePeriod)}).";
    }

    /// <summary>Periods whose totals can be compared: the same number of days, or whole units within a tenth of each other (30- and 31-day months).</summary>
    private static bool LikeForLike(DateRange period, DateRange compare) =>
        period.Days == compare.Days || Math.Abs(period.Days - compare.Days) * 10 <= Math.Max(period.Days, compare.Days);

    /// <summary>
    /// For part of a unit still running: " All of last month (Nov 1-30): $276,000.00; this month's forecast at the current run-rate: $281,000.00 (Dec 1-31)."
    /// The whole previous unit is context only, never the comparison; empty when the period is not part of a running unit.
    /// </summary>
    private async Task<string> RunningUnitContextAsync(AnswerContext c, decimal total, string currency, CancellationToken cancellationToken)
    {
        if (c.Question.RunningUnit is not { } unit || c.Question.PreviousUnit is not { } previous || c.Question.RunningUnitName is not { } name
            || c.Query.Period.Start != unit.Start || c.Query.Period.End >= unit.End || c.Query.Period.IsEmpty)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        if (c.Coverage is { } coverage && coverage.Dates.Start <= previous.Start)
        {
            var whole = await _queries.QueryAsync(c.Query with { Period = previous, ComparePeriod = null, GroupBy = [], Top = null, Granularity = null }, cancellationToken);
            var wholeTotal = whole.ByCurrency.FirstOrDefault(p => p.Currency == currency)?.Total ?? 0m;
            parts.Add($"all of last {name} ({c.Span(previous)}): {AnswerFormat.Money(wholeTotal, currency)}");
        }

        var forecast = Math.Round(total / c.Query.Period.Days * unit.Days, 2, MidpointRounding.AwayFromZero);
        parts.Add($"this {name}'s forecast at the current run-rate: {AnswerFormat.Money(forecast, currency)} ({c.Span(unit)})");
        return " " + AnswerFormat.Capitalise(string.Join("; ", parts)) + ".";
    }

    private static string Signed(decimal amount, string currency) =>
        (amount > 0 ? "+" : string.Empty) + AnswerFormat.Money(amount, currency);

    private static decimal Change(CostRow row) => row.Value - (row.CompareValue ?? 0);

    /// <summary>Who or what the filters describe ("Payments on AWS"), and whether a team leads it; null when unfiltered.</summary>
    private static (string? Subject, bool IsTeam) Subject(CostQuery query)
    {
        var parts = new List<string>();
        var isTeam = false;
        if (query.Filters.TryGetValue(Dimension.Team, out var teams))
        {
            parts.Add(AnswerFormat.JoinAnd(teams.Select(AnswerFormat.DisplayName).ToList()));
            isTeam = true;
        }

        foreach (var (dimension, values) in query.Filters.Where(f => f.Key != Dimension.Team).OrderBy(f => f.Key.Kind))
        {
            var joined = AnswerFormat.JoinAnd(values);
            var phrase = dimension.Kind switch
            {
                DimensionKind.Region or DimensionKind.Environment => "in " + joined,
                DimensionKind.Tag => $"with {dimension.TagKey} {joined}",
                DimensionKind.Resource => "on resource " + joined,
                _ => "on " + joined,
            };
            // A subject must start the sentence: "Spend in eu-west-1", "Spend with cost-center CC-1000", "AWS".
            parts.Add(parts.Count > 0 ? phrase : dimension.Kind is DimensionKind.Region or DimensionKind.Environment or DimensionKind.Tag or DimensionKind.Resource ? "Spend " + phrase : joined);
        }

        foreach (var phrase in KindPhrases(query))
        {
            parts.Add(parts.Count > 0 ? phrase : "Spend " + phrase);
        }

        return parts.Count == 0 ? (null, false) : (string.Join(' ', parts), isTeam);
    }

    private static string KeyLabel(AnswerContext c)
    {
        var (subject, _) = Subject(c.Query);
        return $"{subject ?? "Total spend"}, {c.Question.PeriodLabel.Phrase}";
    }

    private static ContextBlock ContextLine(AnswerContext c, DateRange? comparePeriod) => new(ContextText(c, comparePeriod));

    private static string ContextText(AnswerContext c, DateRange? comparePeriod)
    {
        var parts = new List<string> { $"Period: {AnswerFormat.IsoSpan(c.Query.Period)}" };
        if (comparePeriod is not null)
        {
            parts.Add($"compared with {AnswerFormat.IsoSpan(comparePeriod)}");
        }

        parts.Add($"Metric: {AnswerFormat.MetricDescription(c.Query.Metric)}");
        if (c.Coverage is { } coverage)
        {
            var imported = coverage.LastImportedAt.ToUniversalTime();
            var last = coverage.Dates.IsEmpty ? coverage.Dates.Start : coverage.Dates.End.AddDays(-1);
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"Data through {AnswerFormat.Iso(last)}, imported {imported:yyyy-MM-dd HH:mm} UTC"));
            if (c.DataThrough is { Synced.Count: > 0 } synced)
            {
                // The syncs' records, not the data's last days, say how far each export is complete.
                parts.Add($"Synced exports complete through {AnswerFormat.Iso(synced.Day)} ({string.Join(", ", synced.Synced.Select(p => $"{p.Provider} {AnswerFormat.Iso(p.CompleteThrough)}{(p.IsStale ? " overdue" : string.Empty)}"))})");
            }
            else if (c.DataThrough is { Providers.Count: > 0 } lagging)
            {
                // Exports that lag differently: the answer stops at the earliest so no provider's missing day reads as a drop.
                var each = string.Join(", ", lagging.Providers.Select(p => $"{p.Key} {AnswerFormat.Iso(p.Value)}"));
                parts.Add($"Complete for every provider through {AnswerFormat.Iso(lagging.Day)} ({each})");
            }
        }
        else
        {
            parts.Add("No data imported yet");
        }

        if (c.Question.FromLanguageModel)
        {
            parts.Add("Question interpreted by the language model");
        }

        if (c.Question.UnrecognisedWords.Count > 0)
        {
            parts.Add($"Not recognised: {string.Join(", ", c.Question.UnrecognisedWords.Select(w => "\"" + w + "\""))} (not a team, service or other value in the data; ignored)");
        }

        return string.Join(" \u00b7 ", parts);
    }

    private static string AddOtherCurrencies(string sentence, CostQueryResult result, List<CardBlock> blocks)
    {
        if (result.ByCurrency.Count <= 1)
        {
            return sentence;
        }

        var others = result.ByCurrency.Skip(1).Where(p => p.Total != 0).Select(p => AnswerFormat.Money(p.Total, p.Currency)).ToList();
        if (others.Count == 0)
        {
            return sentence;
        }

        var note = $"Also {AnswerFormat.JoinAnd(others)} from accounts billed in other currencies (never added together).";
        blocks.Add(new TextBlock(note));
        return sentence + " " + note;
    }

    private static IEnumerable<CostRow> SortByValue(IEnumerable<CostRow> rows) =>
        rows.OrderByDescending(r => r.Value).ThenBy(r => string.Join('\u0001', r.Key), StringComparer.Ordinal);

    private static AnswerRow ToAnswerRow(CostQuery query, CostRow row)
    {
        var key = new List<KeyValuePair<string, string>>();
        if (row.Bucket is { } bucket)
        {
            key.Add(new("date", AnswerFormat.Iso(bucket)));
        }

        for (var i = 0; i < query.GroupBy.Count && i < row.Key.Count; i++)
        {
            key.Add(new(query.GroupBy[i].ToString(), row.Key[i]));
        }

        return new AnswerRow(key, row.Value, query.ComparePeriod is null ? null : row.CompareValue ?? 0);
    }

    /// <summary>Team keys are shown capitalised ("Payments"); every other value exactly as stored.</summary>
    private static string RowLabel(CostRow row, IReadOnlyList<Dimension> groupBy) =>
        row.Key.Count == 0 ? "All" : string.Join(" / ", row.Key.Select((k, i) => i < groupBy.Count && groupBy[i] == Dimension.Team ? AnswerFormat.DisplayName(k) : k));

    private static string TableHeader(IReadOnlyList<Dimension> groupBy) =>
        groupBy.Count == 0 ? "Spend" : string.Join(" / ", groupBy.Select(d => AnswerFormat.Capitalise(DimensionNoun(d))));

    private static string DimensionNoun(Dimension dimension) => dimension.Kind switch
    {
        DimensionKind.Tag => dimension.TagKey!,
        DimensionKind.BillingAccount => "billing account",
        DimensionKind.ChargeCategory => "charge category",
        DimensionKind.PricingCategory => "pricing category",
        DimensionKind.Provider => "provider",
        _ => dimension.Kind.ToString().ToLowerInvariant(),
    };

    private static string BucketLabel(DateOnly bucket, Granularity granularity, DateOnly today) => granularity switch
    {
        Granularity.Month => bucket.ToString(bucket.Year == today.Year ? "MMM" : "MMM yyyy", CultureInfo.InvariantCulture),
        Granularity.Week => "the week of " + AnswerFormat.Day(bucket, today.Year),
        _ => AnswerFormat.Day(bucket, today.Year),
    };
}
