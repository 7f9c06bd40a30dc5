using System.Collections.Frozen;
using System.Globalization;
using FinOps.Core.Calendar;
using FinOps.Core.Query;

namespace FinOps.Conversation.Questions;

/// <summary>Follow-ups: "and the month before?", "what about checkout?", "break that down by service", "why?".</summary>
/// <remarks>
/// A follow-up is read against the previous understood question of the same person in the same conversation: what it
/// names (a period, values, a grouping, a metric, a top N, an intent word) replaces that part of the previous query and
/// the rest is kept. A message that is a whole question on its own (a cost word with a period, value or grouping, or
/// two of those, and no "and ..." / "what about ..." opener and no "that"/"it") is never read as a follow-up.
/// </remarks>
public sealed partial class QuestionParser
{
    private static readonly FrozenSet<string> BackReferences = FrozenSet.ToFrozenSet(
        ["that", "it", "those", "these", "them", "same", "there"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> UnitWords = FrozenSet.ToFrozenSet(
        ["day", "week", "month", "quarter", "year", "fiscal", "morning", "weekend", "period", "time", "fy"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> ShiftBackWords = FrozenSet.ToFrozenSet(["before", "previous", "prior", "earlier", "preceding"], StringComparer.Ordinal);

    private static readonly string[][] Openers =
    [
        ["and"], ["what", "about"], ["how", "about"], ["what", "of"], ["same", "for"], ["same"], ["now"], ["then"], ["also"], ["ok", "and"], ["okay", "and"], ["so", "what", "about"],
    ];

    private delegate QuestionIntent? FollowUpIntentRule(FollowUpWords f);

    /// <summary>The intent a follow-up asks for, tried in this order; none answering keeps the previous question's intent.</summary>
    private static readonly (string Name, FollowUpIntentRule Rule)[] FollowUpIntentRules =
    [
        ("why", f => f.W.Has(DriverWords) || f.W.HasPhrase("what", "changed") ? QuestionIntent.Drivers : null),
        ("forecast", f => IsForecast(f.W) ? QuestionIntent.Forecast : null),
        ("compare", f => f.W.Has(CompareWords) || f.W.Time.YearOverYear || f.W.Time.PeriodOverPeriod is not null || f.W.Absolute.Count >= 2 ? QuestionIntent.Compare : null),
        ("trend", f => f.W.Has(TrendWords) || f.W.Granularity is not null || f.W.HasPhrase("over", "time") ? QuestionIntent.Trend : null),
        ("top", f => f.W.S.TopN is not null ? QuestionIntent.Top : null),
        ("break-down", f => f.W.S.GroupBy.Count > 0 || f.W.Has(BreakdownWords) || f.W.HasPhrase("break", "down") ? QuestionIntent.Breakdown : null),
    ];

    /// <summary>The names of the follow-up intent rules, in precedence order.</summary>
    internal static IReadOnlyList<string> FollowUpRuleNames => FollowUpIntentRules.Select(r => r.Name).ToArray();

    /// <summary>
    /// Parses <paramref name="text"/> as a follow-up of <paramref name="previous"/> when it is one, else as a question
    /// on its own (as <see cref="Parse(string, DateOnly)"/>).
    /// </summary>
    public ParsedQuestion Parse(string text, DateOnly today, ParsedQuestion? previous)
    {
        var standalone = Parse(text, today);
        if (previous is not { Understood: true, Query: not null } || previous.Intent is QuestionIntent.Help or QuestionIntent.Freshness
            || standalone.PeriodProblem is not null || standalone.Ambiguities.Count > 0 || standalone.Intent is QuestionIntent.Help or QuestionIntent.Freshness)
        {
            return standalone;
        }

        return FollowUp(text, today, previous) ?? standalone;
    }

    private ParsedQuestion? FollowUp(string text, DateOnly today, ParsedQuestion previous)
    {
        var raw = Tokenizer.Tokenize(StripMentions(text));
        var opener = Openers.Any(o => o.Length <= raw.Count && o.Select((word, k) => raw[k].Text == word).All(x => x));
        var skip = 0;
        while (skip < raw.Count && LeadingFiller.Contains(raw[skip].Text))
        {
            skip++;
        }

        var tokens = raw.GetRange(skip, raw.Count - skip);
        SplitDimensionPrefixes(tokens);
        CorrectKeywordTypos(tokens);
        var state = new ParseState(tokens);
        var time = _time.Scan(tokens, state.Consumed, today);
        if (time.Problem is not null)
        {
            return null;
        }

        var metric = ScanMetric(state);
        ScanTop(state);
        ScanGroupBy(state);
        ScanValues(state);
        ScanPluralDimensions(state);
        var granularity = ScanGranularity(state);
        var unrecognised = Unrecognised(state);
        var w = new Words(state, time, metric, granularity);
        var f = new FollowUpWords(w, metric, BackReference(w.AllWords));

        var named = new[] { f.NamesPeriod, f.NamesValues, f.NamesGrouping, f.NamesTop }.Count(x => x);
        var costWord = w.Keywords.Any(k => CostWords.Contains(k) && k is not ("much" or "total" or "amount"));
        if (!opener && !f.BackReference && (costWord && named > 0 || named >= 2 && f.NamesPeriod))
        {
            return null;
        }

        var intent = FollowUpIntentRules.Select(r => r.Rule(f)).FirstOrDefault(i => i is not null);
        if (intent == QuestionIntent.Breakdown && !w.Has(BreakdownWords) && !w.HasPhrase("break", "down"))
        {
            // Only a grouping ("by team"): the same kind of answer, grouped that way; a comparison becomes its ranking of changes.
            intent = previous.Intent switch
            {
                QuestionIntent.Top or QuestionIntent.Trend or QuestionIntent.Drivers => previous.Intent,
                QuestionIntent.Compare => QuestionIntent.Drivers,
                _ => intent,
            };
        }

        var shift = !f.NamesPeriod && intent != QuestionIntent.Compare && (w.Relative is not null || w.AllWords.Any(ShiftBackWords.Contains));
        if (intent is null && !f.NamesPeriod && !f.NamesValues && metric is null && !shift)
        {
            // Nothing to carry over ("thanks", "ok"): not a follow-up.
            return null;
        }

        return Merge(text, today, previous, f, intent ?? previous.Intent, shift, unrecognised);
    }

    private ParsedQuestion Merge(string text, DateOnly today, ParsedQuestion previous, FollowUpWords f, QuestionIntent intent, bool shift, IReadOnlyList<string> unrecognised)
    {
        var w = f.W;
        var before = previous.Query!;
        var prior = PriorPeriod(previous);

        var filters = before.Filters.ToDictionary(x => x.Key, x => x.Value);
        foreach (var (dimension, values) in w.S.Filters)
        {
            filters[dimension] = values.ToArray();
        }

        FoundPeriod primary;
        FoundPeriod? compare = null;
        if (w.Absolute.Count >= 2 && intent == QuestionIntent.Compare)
        {
            (primary, compare) = ResolveComparison(w.S.Tokens, w.Absolute, null, w.Time, today);
        }
        else if (w.Absolute.Count == 1 && intent == QuestionIntent.Compare)
        {
            // "compare with October": the previous question's period against the one named.
            var other = Named(w.Absolute[0]);
            (primary, compare) = other.Range.Start < prior.Range.Start ? (prior, other) : (other, Named(prior));
        }
        else if (w.Absolute.Count > 0)
        {
            primary = w.Absolute[0];
        }
        else if (shift)
        {
            primary = ShiftBack(prior, w.Relative?.Unit);
        }
        else
        {
            primary = prior;
        }

        var groupBy = FollowUpGroupBy(f, intent, previous, filters);
        var periodChanged = primary.Range != before.Period;
        var query = new CostQuery
        {
            Metric = f.Metric ?? before.Metric,
            Period = primary.Range,
            Filters = filters,
            GroupBy = groupBy,
            Granularity = intent != QuestionIntent.Trend ? null
                : w.Granularity ?? (previous.Intent == QuestionIntent.Trend && !periodChanged ? before.Granularity : null) ?? DefaultGranularity(primary.Range),
            Top = intent != QuestionIntent.Top ? null : w.S.TopN ?? before.Top ?? DefaultTop,
        };

        var label = new PeriodLabel(primary.Phrase);
        if (intent == QuestionIntent.Forecast)
        {
            if (previous.Intent == QuestionIntent.Forecast && !f.NamesPeriod && !shift)
            {
                label = previous.PeriodLabel;
            }
            else
            {
                var unit = primary is { ToDate: true } ? primary.Unit : PeriodUnit.Month;
                query = query with { Period = primary is { ToDate: true, FullUnit: not null } ? primary.FullUnit : _time.FullUnit(unit, today) };
                label = new PeriodLabel(ForecastPhrase(unit, primary), IsForecastHorizon: true);
            }
        }

        if (intent is QuestionIntent.Compare or QuestionIntent.Drivers)
        {
            if (compare is null && previous.Query!.ComparePeriod is { } kept && !periodChanged && previous.ComparePeriodLabel is { } keptLabel)
            {
                compare = new FoundPeriod(kept, keptLabel.Phrase, PeriodUnit.Range);
            }

            compare ??= Previous(primary);
            query = query with { ComparePeriod = compare.Range };
        }

        var context = intent is QuestionIntent.Total or QuestionIntent.Unallocated ? Previous(primary) : null;
        var running = intent == QuestionIntent.Forecast ? null : RunningUnit(primary);
        return new ParsedQuestion
        {
            Text = text,
            Intent = intent,
            Query = query,
            PeriodLabel = label,
            ComparePeriodLabel = compare is null ? null : new PeriodLabel(compare.Phrase),
            ContextComparePeriod = context?.Range,
            ContextCompareLabel = context is null ? null : new PeriodLabel(context.Phrase),
            RankChanges = intent != QuestionIntent.Drivers ? ChangeDirection.Any : f.NamesGrouping ? RankedDirection(w) : previous.RankChanges,
            RunningUnit = running?.FullUnit,
            PreviousUnit = running is null ? null : TimeExpressionParser.PreviousUnit(running.Unit, running.FullUnit!),
            RunningUnitName = running is null ? null : TimeExpressionParser.UnitName(running.Unit),
            UnrecognisedWords = unrecognised,
            AsksForSmallest = previous.AsksForSmallest && intent == previous.Intent && !f.NamesGrouping,
            FollowUpOf = previous.Text,
        };
    }

    private static List<Dimension> FollowUpGroupBy(FollowUpWords f, QuestionIntent intent, ParsedQuestion previous, Dictionary<Dimension, IReadOnlyList<string>> filters)
    {
        List<Dimension> groupBy;
        if (f.NamesGrouping)
        {
            groupBy = [.. f.W.S.GroupBy];
        }
        else if (intent == previous.Intent && intent is QuestionIntent.Breakdown or QuestionIntent.Top or QuestionIntent.Drivers or QuestionIntent.Trend)
        {
            // "what about checkout?" after "spend by team": one team is no longer a breakdown by team.
            groupBy = previous.Query!.GroupBy.Where(d => !(f.W.S.Filters.ContainsKey(d) && filters[d].Count == 1)).ToList();
        }
        else
        {
            groupBy = [];
        }

        if (intent is QuestionIntent.Breakdown or QuestionIntent.Top && groupBy.Count == 0)
        {
            groupBy.Add(intent == QuestionIntent.Top || filters.ContainsKey(Dimension.Team) ? Dimension.Service : Dimension.Team);
        }

        return groupBy.Distinct().Take(CostQuery.MaxGroupBy).ToList();
    }

    /// <summary>The previous question's period with the unit it was asked in, so "the month before" and the comparisons can be worked out again.</summary>
    private FoundPeriod PriorPeriod(ParsedQuestion previous)
    {
        var range = previous.Query!.Period;
        var phrase = previous.PeriodLabel.IsForecastHorizon ? Describe(range, PeriodUnit.Range) : previous.PeriodLabel.Phrase;
        if (previous.RunningUnit is { } full && UnitNamed(previous.RunningUnitName) is { } runningUnit)
        {
            return new FoundPeriod(range, phrase, runningUnit, ToDate: true, FullUnit: full);
        }

        return new FoundPeriod(range, phrase, UnitOf(range));
    }

    /// <summary>"and the month before?", "before that?": the unit before the previous period (a whole unit, even when the previous one was still running).</summary>
    private FoundPeriod ShiftBack(FoundPeriod prior, PeriodUnit? named)
    {
        var unit = named is null or PeriodUnit.Range ? prior.Unit : named.Value;
        DateRange range;
        if (unit is PeriodUnit.Range or PeriodUnit.Days)
        {
            range = prior.Range.Previous();
            unit = PeriodUnit.Range;
        }
        else
        {
            range = TimeExpressionParser.PreviousUnit(unit, _time.FullUnit(unit, prior.Range.Start));
        }

        return new FoundPeriod(range, Describe(range, unit), unit);
    }

    private PeriodUnit UnitOf(DateRange range)
    {
        if (range.Days == 1)
        {
            return PeriodUnit.Day;
        }

        foreach (var unit in (ReadOnlySpan<PeriodUnit>)[PeriodUnit.Week, PeriodUnit.Month, PeriodUnit.Quarter, PeriodUnit.Year])
        {
            if (_time.FullUnit(unit, range.Start) == range)
            {
                return unit;
            }
        }

        return PeriodUnit.Range;
    }

    private static PeriodUnit? UnitNamed(string? name) => name switch
    {
        "week" => PeriodUnit.Week,
        "month" => PeriodUnit.Month,
        "quarter" => PeriodUnit.Quarter,
        "year" => PeriodUnit.Year,
        "fiscal year" => PeriodUnit.FiscalYear,
        _ => null,
    };

    /// <summary>How an answer names a period worked out from another one ("in September 2026", "the week of Nov 9, 2026").</summary>
    private static string Describe(DateRange range, PeriodUnit unit)
    {
        var last = range.End.AddDays(-1);
        return unit switch
        {
            PeriodUnit.Day => "on " + range.Start.ToString("MMM d, yyyy", CultureInfo.InvariantCulture),
            PeriodUnit.Week => "the week of " + range.Start.ToString("MMM d, yyyy", CultureInfo.InvariantCulture),
            PeriodUnit.Month => "in " + range.Start.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
            PeriodUnit.Year => "in " + range.Start.Year.ToString(CultureInfo.InvariantCulture),
            _ => "from " + range.Start.ToString("MMM d, yyyy", CultureInfo.InvariantCulture) + " to " + last.ToString("MMM d, yyyy", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>"that", "it", "those" refer back; "this" does too unless it starts a period ("this month").</summary>
    private static bool BackReference(string[] words) =>
        words.Any(BackReferences.Contains)
        || words.Select((word, i) => word == "this" && (i + 1 == words.Length || !UnitWords.Contains(words[i + 1]))).Any(x => x);

    private sealed class FollowUpWords(Words w, CostMetric? metric, bool backReference)
    {
        public Words W { get; } = w;

        public CostMetric? Metric { get; } = metric;

        public bool BackReference { get; } = backReference;

        public bool NamesPeriod => W.Absolute.Count > 0 || W.Time.YearOverYear || W.Time.PeriodOverPeriod is not null;

        public bool NamesValues => W.S.Filters.Count > 0;

        public bool NamesGrouping => W.S.GroupBy.Count > 0;

        public bool NamesTop => W.S.TopN is not null;
    }
}
