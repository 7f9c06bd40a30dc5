using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using FinOps.Core.Calendar;
using FinOps.Core.Query;

namespace FinOps.Conversation.Questions;

/// <summary>Turns a cost question into a <see cref="ParsedQuestion"/>: deterministic, offline, linear in the question's length.</summary>
/// <remarks>
/// Order: strip chat prefixes and mentions; find period expressions; metric words; "top N"; group-by
/// phrases ("by team", "which services"); values from the <see cref="ValueCatalog"/> (longest phrase, exact
/// before synonym, then bounded typo tolerance for words of five letters or more that are not English words);
/// then the intent from keywords. Default period: this month so far. See <see cref="QuestionIntent"/>.
/// </remarks>
public sealed partial class QuestionParser
{
    public const int DefaultTop = 5;

    private static readonly FrozenSet<string> LeadingFiller = FrozenSet.ToFrozenSet(
        ["hey", "hi", "hello", "yo", "ok", "okay", "please", "pls", "bot", "finops", "finopsbot", "finops-bot", "so", "um", "and"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> SubjectAuxiliaries = FrozenSet.ToFrozenSet(["did", "does", "do", "has", "have", "will", "is", "was"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> LowestWords = FrozenSet.ToFrozenSet(["cheapest", "smallest", "lowest"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> SpendingVerbs = FrozenSet.ToFrozenSet(["spend", "spent", "spending", "spends"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> Determiners = FrozenSet.ToFrozenSet(
        ["the", "this", "that", "our", "my", "your", "their", "its", "a", "an"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> GroupTriggers = FrozenSet.ToFrozenSet(
        ["by", "per", "each", "every", "across", "which", "what", "all", "between", "among"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> TopAdjectives = FrozenSet.ToFrozenSet(
        ["biggest", "largest", "highest", "costliest", "priciest", "heaviest", "top", "greatest"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> HelpWords = FrozenSet.ToFrozenSet(["help", "examples", "example", "commands", "howto"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> FreshnessWords = FrozenSet.ToFrozenSet(
        ["fresh", "freshness", "refresh", "refreshed", "refreshes", "stale", "imported", "import", "ingested", "ingestion", "loaded", "updated", "update", "synced", "sync"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> ForecastWords = FrozenSet.ToFrozenSet(
        ["forecast", "forecasted", "forecasting", "projected", "projection", "predict", "predicted", "prediction", "pace", "trajectory", "expected", "expect", "estimate", "estimated", "run-rate", "runrate", "extrapolate"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> DriverWords = FrozenSet.ToFrozenSet(
        ["why", "drove", "drive", "drives", "driving", "driver", "drivers", "explain", "explains", "caused", "cause", "causing", "behind", "contributed", "contributor", "contributors", "responsible",
         "mover", "movers", "anomaly", "anomalies", "spikes", "outlier", "outliers"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> CompareWords = FrozenSet.ToFrozenSet(
        ["compare", "compared", "comparing", "comparison", "vs", "versus", "against", "change", "changed", "changes", "difference", "differ",
         "increase", "increased", "increases", "decrease", "decreased", "grew", "grow", "growth", "rise", "rose", "drop", "dropped", "fall", "fell",
         "jump", "jumped", "spike", "spiked", "delta", "higher", "lower", "increasing", "decreasing", "growing", "rising", "shrinking", "dropping", "falling",
         "shrank", "shrink", "shrunk", "declined", "decline"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> UpWords = FrozenSet.ToFrozenSet(
        ["grew", "grow", "grown", "growth", "increase", "increased", "increases", "increasing", "rise", "rose", "risen", "rising", "jump", "jumped", "spike", "spiked", "growing", "higher"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> DownWords = FrozenSet.ToFrozenSet(
        ["shrank", "shrink", "shrunk", "shrinking", "decrease", "decreased", "decreases", "decreasing", "drop", "dropped", "dropping", "fall", "fell", "falling", "declined", "decline", "lower"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> TrendWords = FrozenSet.ToFrozenSet(
        ["trend", "trends", "trending", "trended", "trendline", "history", "historical", "chart", "graph", "plot", "timeline", "evolution", "evolve", "evolved"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> BreakdownWords = FrozenSet.ToFrozenSet(
        ["breakdown", "split", "distribution", "divided", "broken"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> CostWords = FrozenSet.ToFrozenSet(
        ["spend", "spent", "spending", "spends", "cost", "costs", "costing", "bill", "billed", "much", "total", "expense", "expenses", "charges", "charged",
         "pay", "paid", "money", "dollars", "price", "invoice", "invoiced", "usage", "burn", "expenditure", "amount"], StringComparer.Ordinal);

    private readonly ValueCatalog _catalog;
    private readonly CostCalendar _calendar;
    private readonly TimeExpressionParser _time;

    public QuestionParser(ValueCatalog catalog, CostCalendar calendar)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        _time = new TimeExpressionParser(calendar);
    }

    public ValueCatalog Catalog => _catalog;

    public CostCalendar Calendar => _calendar;

    /// <summary>Parses <paramref name="text"/> with <paramref name="today"/> as "today".</summary>
    public ParsedQuestion Parse(string text, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (today.Year is < TimeExpressionParser.FirstYear or > TimeExpressionParser.LastYear)
        {
            return ParsedQuestion.NotUnderstood(text) with { PeriodProblem = string.Create(CultureInfo.InvariantCulture, $"today ({today:yyyy-MM-dd}) is outside the years {TimeExpressionParser.FirstYear} to {TimeExpressionParser.LastYear} that questions can cover") };
        }

        var tokens = Tokenizer.Tokenize(StripMentions(text));
        var skip = 0;
        while (skip < tokens.Count && LeadingFiller.Contains(tokens[skip].Text))
        {
            skip++;
        }

        tokens = tokens.GetRange(skip, tokens.Count - skip);
        if (tokens.Count == 0)
        {
            return new ParsedQuestion { Text = text, Intent = QuestionIntent.Help, Query = new CostQuery { Period = MonthToDate(today) } };
        }

        SplitDimensionPrefixes(tokens);
        CorrectKeywordTypos(tokens);
        var state = new ParseState(tokens);
        var time = _time.Scan(tokens, state.Consumed, today);
        if (time.Problem is not null)
        {
            return ParsedQuestion.NotUnderstood(text) with { PeriodProblem = time.Problem };
        }

        var metric = ScanMetric(state);
        ScanTop(state);
        ScanGroupBy(state);
        ScanValues(state);
        ScanPluralDimensions(state);
        var granularity = ScanGranularity(state);
        var unrecognised = Unrecognised(state);
        return Build(text, state, time, metric, granularity, unrecognised, today);
    }

    private delegate QuestionIntent? IntentRule(Words w);

    /// <summary>The intent rules, tried in this order; the first that answers wins, so the order is the precedence.</summary>
    private static readonly (string Name, IntentRule Rule)[] IntentRules =
    [
        ("help", w => IsHelp(w) ? QuestionIntent.Help : null),
        ("freshness", w => IsFreshness(w) ? QuestionIntent.Freshness : null),
        ("forecast", w => IsForecast(w) ? QuestionIntent.Forecast : null),
        ("drivers", w => w.Has(DriverWords) || w.HasPhrase("what", "changed") ? QuestionIntent.Drivers : null),
        ("compare", w => IsCompare(w) ? QuestionIntent.Compare : null),
        ("trend", w => w.Has(TrendWords) || w.Granularity is not null || w.HasPhrase("over", "time") ? QuestionIntent.Trend : null),
        ("top", w => w.S.TopN is not null ? QuestionIntent.Top : null),
        ("breakdown", w => w.S.GroupBy.Count > 0 || w.Has(BreakdownWords) ? (w.HasUnallocated ? QuestionIntent.Unallocated : QuestionIntent.Breakdown) : null),
        ("unallocated", w => w.HasUnallocated ? QuestionIntent.Unallocated : null),
        ("total", w => w.AnyContent ? QuestionIntent.Total : null),
        ("greeting", w => w.Keywords.All(x => LeadingFiller.Contains(x) || x is "thanks" or "thank" or "you") ? QuestionIntent.Help : null),
    ];

    /// <summary>Second looks that change the first intent, in this order.</summary>
    private static readonly (string Name, Action<Words> Refine)[] IntentRefinements =
    [
        ("values-side-by-side", ValuesSideBySide),
        ("ranking-of-changes", RankingOfChanges),
        ("cheapest", Cheapest),
        ("top-n", w => w.Intent = w.S.TopN is not null && w.Intent is QuestionIntent.Breakdown or QuestionIntent.Total ? QuestionIntent.Top : w.Intent),
    ];

    /// <summary>The names of the intent rules, then of the refinements, in precedence order.</summary>
    internal static IReadOnlyList<string> IntentRuleNames => IntentRules.Select(r => r.Name).Concat(IntentRefinements.Select(r => r.Name)).ToArray();

    private ParsedQuestion Build(string text, ParseState s, TimeScan time, CostMetric? metric, Granularity? granularity, IReadOnlyList<string> unrecognised, DateOnly today)
    {
        var w = new Words(s, time, metric, granularity);
        w.Intent = QuestionIntent.Unknown;
        foreach (var (_, rule) in IntentRules)
        {
            if (rule(w) is { } intent)
            {
                w.Intent = intent;
                break;
            }
        }

        foreach (var (_, refine) in IntentRefinements)
        {
            refine(w);
        }

        if (w.Intent == QuestionIntent.Unknown)
        {
            return ParsedQuestion.NotUnderstood(text) with { UnrecognisedWords = unrecognised };
        }

        var periods = ResolvePeriods(w, today);
        var groupBy = ResolveGroupBy(w);
        var query = new CostQuery
        {
            Metric = metric ?? CostMetric.EffectiveCost,
            Period = periods.Period,
            ComparePeriod = periods.Compare?.Range,
            Filters = s.Filters.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value.ToArray()),
            GroupBy = groupBy.Take(CostQuery.MaxGroupBy).ToArray(),
            Granularity = w.Intent == QuestionIntent.Trend ? granularity ?? DefaultGranularity(periods.Period) : null,
            Top = w.Intent == QuestionIntent.Top ? s.TopN ?? DefaultTop : null,
        };
        var defaultPeriod = new FoundPeriod(periods.Period, periods.Label.Phrase, PeriodUnit.Month, ToDate: true, FullUnit: CostCalendar.Month(today));
        FoundPeriod? context = null;
        if (w.Intent is QuestionIntent.Total or QuestionIntent.Unallocated)
        {
            context = Previous(periods.Primary ?? defaultPeriod);
        }

        var running = RunningUnit(periods.Primary ?? (w.Intent is QuestionIntent.Forecast || periods.Period != MonthToDate(today) ? null : defaultPeriod));
        return new ParsedQuestion
        {
            Text = text,
            Intent = w.Intent,
            Query = query,
            PeriodLabel = periods.Label,
            ComparePeriodLabel = periods.Compare is null ? null : new PeriodLabel(periods.Compare.Phrase),
            ContextComparePeriod = context?.Range,
            ContextCompareLabel = context is null ? null : new PeriodLabel(context.Phrase),
            RankChanges = w.Intent == QuestionIntent.Drivers && s.GroupBy.Count > 0 ? RankedDirection(w) : ChangeDirection.Any,
            RunningUnit = running?.FullUnit,
            PreviousUnit = running is null ? null : TimeExpressionParser.PreviousUnit(running.Unit, running.FullUnit!),
            RunningUnitName = running is null ? null : TimeExpressionParser.UnitName(running.Unit),
            Ambiguities = s.Ambiguities,
            UnrecognisedWords = unrecognised,
            AsksForSmallest = w.AsksForSmallest,
        };
    }

    /// <summary>A calendar unit still running from its start ("this month so far"): its whole and the whole one before are the answer's context, never its comparison.</summary>
    private static FoundPeriod? RunningUnit(FoundPeriod? period) =>
        period is { ToDate: true, FullUnit: not null } p && p.Unit is PeriodUnit.Week or PeriodUnit.Month or PeriodUnit.Quarter or PeriodUnit.Year or PeriodUnit.FiscalYear
            && p.FullUnit.Start == p.Range.Start ? p : null;

    /// <summary>"which team grew the most" asks for increases only, "... shrank the most" for decreases; both or neither: any change.</summary>
    private static ChangeDirection RankedDirection(Words w)
    {
        var up = w.Has(UpWords) || w.HasPhrase("went", "up") || w.HasPhrase("go", "up") || w.HasPhrase("gone", "up") || w.HasPhrase("going", "up");
        var down = w.Has(DownWords) || w.HasPhrase("went", "down") || w.HasPhrase("go", "down") || w.HasPhrase("gone", "down") || w.HasPhrase("going", "down");
        return up == down ? ChangeDirection.Any : up ? ChangeDirection.Up : ChangeDirection.Down;
    }

    private static bool IsHelp(Words w) =>
        w.Has(HelpWords) && w.S.Filters.Count == 0 && w.Time.Periods.Count == 0 || w.HasPhrase("what", "can", "you") || w.HasPhrase("what", "can", "i", "ask") || w.HasPhrase("how", "do", "i", "use");

    private static bool IsFreshness(Words w)
    {
        var all = w.AllWords;
        var dataIsCurrent = Enumerable.Range(0, all.Length).Any(i => all[i] == "data"
            && all.Skip(i + 1).Take(2).Any(x => x is "current" or "fresh" or "recent" or "stale" or "updated" or "up" or "complete"));
        return w.Has(FreshnessWords) || w.HasPhrase("up", "to", "date") || w.HasPhrase("last", "load") || w.HasPhrase("latest", "data")
            || (w.HasPhrase("how", "recent") || w.HasPhrase("how", "old") || w.HasPhrase("how", "current")) && w.Keywords.Contains("data")
            || dataIsCurrent || IndexOf(all, ["when", "was", "the", "data"]) >= 0 || w.HasPhrase("data", "through") || w.HasPhrase("data", "cover") || w.HasPhrase("data", "go");
    }

    private static bool IsForecast(Words w) =>
        w.Has(ForecastWords) || w.Time.EndOf is not null || w.HasPhrase("run", "rate") || w.HasPhrase("on", "track") || w.HasPhrase("will", "we", "spend")
        || w.HasPhrase("going", "to", "spend") || w.HasPhrase("end", "up") || w.HasPhrase("will", "spend") || w.HasPhrase("will", "we", "end")
        || WillThenCost(w.AllWords);

    private static bool IsCompare(Words w) =>
        w.Has(CompareWords) || w.Absolute.Count >= 2 || w.Relative is not null || w.Time.YearOverYear || w.Time.PeriodOverPeriod is not null
        || w.HasPhrase("go", "up") || w.HasPhrase("went", "up") || w.HasPhrase("gone", "up") || w.HasPhrase("go", "down") || w.HasPhrase("went", "down")
        || w.HasPhrase("gone", "down") || w.HasPhrase("going", "up") || w.HasPhrase("going", "down") || w.HasPhrase("more", "than") || w.HasPhrase("less", "than") || w.HasPhrase("up", "or", "down");

    /// <summary>"payments vs checkout": two values of one dimension compared side by side is a breakdown.</summary>
    private static void ValuesSideBySide(Words w)
    {
        if (w.Intent != QuestionIntent.Compare || w.HasTwoPeriods || !w.Has(CompareWords))
        {
            return;
        }

        var compared = w.S.Filters.FirstOrDefault(f => f.Value.Count >= 2);
        if (compared.Key is not null)
        {
            w.Intent = QuestionIntent.Breakdown;
            if (!w.S.GroupBy.Contains(compared.Key))
            {
                w.S.GroupBy.Insert(0, compared.Key);
            }
        }
    }

    /// <summary>"which team had the largest increase", "what went up the most": a ranking of changes is a drivers question.</summary>
    private static void RankingOfChanges(Words w)
    {
        if (w.Intent == QuestionIntent.Compare && w.S.TopN is not null && (w.Has(CompareWords) || w.HasPhrase("went", "up") || w.HasPhrase("go", "up") || w.HasPhrase("gone", "up")))
        {
            w.Intent = QuestionIntent.Drivers;
        }
    }

    /// <summary>"cheapest service", "least expensive team": the whole ranking (largest first), whose last rows answer it.</summary>
    private static void Cheapest(Words w)
    {
        if (w.Intent is not (QuestionIntent.Total or QuestionIntent.Top or QuestionIntent.Unknown)
            || !(w.Has(LowestWords) || w.HasPhrase("least", "expensive") || w.HasPhrase("least", "costly")))
        {
            return;
        }

        var dimension = DimensionAfterSuperlative(w.S);
        if (w.S.GroupBy.Count == 0 && dimension is null)
        {
            return;
        }

        w.AsksForSmallest = true;
        w.Intent = QuestionIntent.Breakdown;
        w.S.TopN = null;
        if (w.S.GroupBy.Count == 0)
        {
            w.S.GroupBy.Add(dimension!);
        }
    }

    private ResolvedPeriods ResolvePeriods(Words w, DateOnly today)
    {
        var primary = w.Absolute.Count > 0 ? w.Absolute[0] : null;
        ResolvedPeriods resolved;
        switch (w.Intent)
        {
            case QuestionIntent.Compare or QuestionIntent.Drivers:
                {
                    var (current, compare) = ResolveComparison(w.S.Tokens, w.Absolute, w.Relative, w.Time, today);
                    resolved = new ResolvedPeriods(current, current.Range, new PeriodLabel(current.Phrase), compare);
                    break;
                }

            case QuestionIntent.Forecast:
                {
                    var unit = w.Time.EndOf ?? (primary is { ToDate: true } ? primary.Unit : PeriodUnit.Month);
                    var horizon = primary is { ToDate: true, FullUnit: not null } ? primary.FullUnit : _time.FullUnit(unit, today);
                    resolved = new ResolvedPeriods(primary, horizon, new PeriodLabel(ForecastPhrase(unit, primary), IsForecastHorizon: true), null);
                    break;
                }

            case QuestionIntent.Trend when primary is null:
                {
                    var (period, label) = w.Granularity switch
                    {
                        Granularity.Week => (new DateRange(CostCalendar.StartOfWeek(today).AddDays(-56), CostCalendar.StartOfWeek(today)), new PeriodLabel("in the last 8 weeks")),
                        Granularity.Month => (new DateRange(CostCalendar.StartOfMonth(today).AddMonths(-6), CostCalendar.StartOfMonth(today)), new PeriodLabel("in the last 6 months")),
                        _ => (MonthToDate(today), new PeriodLabel("this month so far")),
                    };
                    resolved = new ResolvedPeriods(null, period, label, null);
                    break;
                }

            default:
                resolved = new ResolvedPeriods(primary, primary?.Range ?? MonthToDate(today), new PeriodLabel(primary?.Phrase ?? "this month so far"), null);
                break;
        }

        if (resolved.Primary is { PhraseHasDates: true } dated && w.Intent is not QuestionIntent.Forecast)
        {
            resolved = resolved with { Label = resolved.Label with { Phrase = dated.Phrase } };
        }

        return resolved;
    }

    private static Granularity DefaultGranularity(DateRange period) =>
        period.Days <= 31 ? Granularity.Day : period.Days <= 120 ? Granularity.Week : Granularity.Month;

    private static List<Dimension> ResolveGroupBy(Words w)
    {
        var groupBy = w.S.GroupBy;
        var filters = w.S.Filters;
        if (w.Intent == QuestionIntent.Top && groupBy.Count == 0)
        {
            groupBy.Add(w.S.SawWho ? Dimension.Team : Dimension.Service);
        }

        if (w.Intent == QuestionIntent.Breakdown && groupBy.Count == 0)
        {
            // "the split between aws, azure and gcp": by the dimension named with several values.
            var several = filters.FirstOrDefault(f => f.Value.Count >= 2).Key;
            groupBy.Add(several ?? (filters.ContainsKey(Dimension.Team) ? Dimension.Service : Dimension.Team));
        }

        if (w.Intent is QuestionIntent.Freshness or QuestionIntent.Help)
        {
            filters.Clear();
            groupBy.Clear();
        }

        return groupBy;
    }

    private static readonly FrozenSet<string> BaselineWords = FrozenSet.ToFrozenSet(["to", "than", "vs", "versus", "with", "against"], StringComparer.Ordinal);

    private (FoundPeriod Primary, FoundPeriod Compare) ResolveComparison(List<Token> tokens, List<FoundPeriod> absolute, FoundPeriod? relative, TimeScan time, DateOnly today)
    {
        if (absolute.Count >= 2)
        {
            var a = absolute[0];
            var b = absolute[1];
            return a.Range.Start >= b.Range.Start ? (a, Named(b)) : (b, Named(a));
        }

        FoundPeriod primary;
        if (absolute.Count == 1 && relative is null && !time.YearOverYear && absolute[0] is { ToDate: false, Unit: not (PeriodUnit.Range or PeriodUnit.Days) } baseline
            && baseline.TokenIndex > 0 && BaselineWords.Contains(tokens[baseline.TokenIndex - 1].Text))
        {
            // "compared to last month", "more than last week": the named period is the baseline, the running one is primary.
            var running = _time.FullUnit(baseline.Unit, today);
            var current = new FoundPeriod(TimeExpressionParser.Clamp(running, today), "this " + TimeExpressionParser.UnitName(baseline.Unit) + " so far", baseline.Unit, ToDate: true, FullUnit: running);
            return (current, Named(baseline));
        }

        if (absolute.Count == 1 && absolute[0].Since is { ToDate: false, Unit: PeriodUnit.Week or PeriodUnit.Month or PeriodUnit.Quarter or PeriodUnit.Year } since)
        {
            // "has spend gone down since last month": this month so far against last month.
            var running = _time.FullUnit(since.Unit, today);
            var current = new FoundPeriod(TimeExpressionParser.Clamp(running, today), "this " + TimeExpressionParser.UnitName(since.Unit) + " so far", since.Unit, ToDate: true, FullUnit: running);
            return (current, Named(since));
        }

        if (absolute.Count == 1)
        {
            primary = absolute[0];
        }
        else if (time.PeriodOverPeriod is { } unit)
        {
            var current = _time.FullUnit(unit, today);
            primary = new FoundPeriod(TimeExpressionParser.PreviousUnit(unit, current), "last " + TimeExpressionParser.UnitName(unit), unit);
        }
        else
        {
            primary = new FoundPeriod(MonthToDate(today), "this month so far", PeriodUnit.Month, ToDate: true, FullUnit: CostCalendar.Month(today));
        }

        if (time.YearOverYear)
        {
            var shifted = new DateRange(primary.Range.Start.AddYears(-1), primary.Range.End.AddYears(-1));
            return (primary, new FoundPeriod(shifted, "the same period last year", PeriodUnit.Range));
        }

        var previous = Previous(primary);
        if (relative is not null && relative.Phrase.StartsWith("the previous ", StringComparison.Ordinal) && relative.Unit == PeriodUnit.Range && relative.Phrase.Any(char.IsDigit))
        {
            previous = previous with { Phrase = relative.Phrase };
        }

        return (primary, previous);
    }

    private static FoundPeriod Named(FoundPeriod period)
    {
        var phrase = period.Phrase;
        if (phrase.StartsWith("in ", StringComparison.Ordinal) || phrase.StartsWith("on ", StringComparison.Ordinal))
        {
            phrase = phrase[3..];
        }

        return period with { Phrase = phrase };
    }

    /// <summary>The period a single period is naturally compared with: the unit before, aligned day by day when still running.</summary>
    private static FoundPeriod Previous(FoundPeriod primary)
    {
        var name = TimeExpressionParser.UnitName(primary.Unit);
        if (primary.ToDate && primary.FullUnit is { } full && primary.Unit is not (PeriodUnit.Range or PeriodUnit.Days or PeriodUnit.Day))
        {
            var previousFull = TimeExpressionParser.PreviousUnit(primary.Unit, full);
            var end = previousFull.Start.AddDays(primary.Range.Days);
            var range = new DateRange(previousFull.Start, end < previousFull.End ? end : previousFull.End);
            return new FoundPeriod(range, "the same days last " + name, PeriodUnit.Range);
        }

        return primary.Unit switch
        {
            PeriodUnit.Day => new FoundPeriod(TimeExpressionParser.PreviousUnit(PeriodUnit.Day, primary.Range), "the day before", PeriodUnit.Day),
            PeriodUnit.Week or PeriodUnit.Month or PeriodUnit.Quarter or PeriodUnit.Year or PeriodUnit.FiscalYear =>
                new FoundPeriod(TimeExpressionParser.PreviousUnit(primary.Unit, primary.Range), "the " + name + " before", primary.Unit),
            _ => new FoundPeriod(primary.Range.Previous(), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the previous {primary.Range.Days} days"), PeriodUnit.Range),
        };
    }

    private static string ForecastPhrase(PeriodUnit unit, FoundPeriod? primary) =>
        primary is { ToDate: true } && primary.Phrase.EndsWith(" so far", StringComparison.Ordinal)
            ? primary.Phrase[..^" so far".Length]
            : "this " + TimeExpressionParser.UnitName(unit);

    /// <summary>The dimension word after "cheapest" / "least expensive" ("cheapest services" -> service).</summary>
    private static Dimension? DimensionAfterSuperlative(ParseState s)
    {
        for (var i = 0; i < s.Tokens.Count; i++)
        {
            if (s.Tokens[i].Text is "cheapest" or "smallest" or "lowest" or "expensive" or "costly" && i + 1 < s.Tokens.Count
                && Vocabulary.DimensionWords.TryGetValue(s.Tokens[i + 1].Stem, out var kind))
            {
                return Dimension.Of(kind);
            }
        }

        return null;
    }

    /// <summary>"what will aws cost this month", "how much will payments spend": a future tense about cost.</summary>
    private static bool WillThenCost(string[] words)
    {
        var will = -1;
        for (var k = 0; k < words.Length; k++)
        {
            if (words[k] is "will" or "gonna" or "would")
            {
                will = k;
            }
            else if (will >= 0 && k - will <= 3 && words[k] is "cost" or "costs" or "spend" or "spent" or "run")
            {
                return words[will] != "would";
            }
        }

        return false;
    }

    private static DateRange MonthToDate(DateOnly today) => new(CostCalendar.StartOfMonth(today), today.AddDays(1));

    /// <summary>"team:payments", "service:ec2" (search-box style) become the dimension word and the value.</summary>
    private static void SplitDimensionPrefixes(List<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var text = tokens[i].Text;
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == text.Length - 1 || !Vocabulary.DimensionWords.ContainsKey(Tokenizer.Stem(text[..colon])))
            {
                continue;
            }

            var rest = Tokenizer.Tokenize(text[(colon + 1)..]);
            tokens[i] = new Token(text[..colon], Tokenizer.Stem(text[..colon]));
            tokens.InsertRange(i + 1, rest);
            i += rest.Count;
        }
    }

    /// <summary>Replaces misspelt keywords ("yesterdy", "octber") in place; words that name values are left alone.</summary>
    private void CorrectKeywordTypos(List<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var text = tokens[i].Text;
            if (Vocabulary.Abbreviations.TryGetValue(text, out var expanded) && _catalog.MatchAt(tokens, i) is null)
            {
                // "lm" -> "last month": a short form may stand for several words.
                var words = expanded.Split(' ');
                tokens[i] = new Token(words[0], Tokenizer.Stem(words[0]));
                tokens.InsertRange(i + 1, words.Skip(1).Select(w => new Token(w, Tokenizer.Stem(w))));
                i += words.Length - 1;
                continue;
            }

            if (text.Length < 5 || text.Any(c => !char.IsLetter(c)) || Vocabulary.CommonWords.Contains(text) || Vocabulary.Months.ContainsKey(text)
                || AllKeywords.Contains(text) || _catalog.MatchAt(tokens, i) is not null)
            {
                continue;
            }

            var max = text.Length >= 9 ? 2 : 1;
            string? best = null;
            var bestDistance = max + 1;
            foreach (var keyword in Vocabulary.CorrectableKeywords)
            {
                var distance = EditDistance.Bounded(text, keyword, max);
                if (distance < bestDistance)
                {
                    best = keyword;
                    bestDistance = distance;
                }
            }

            // A closer value in the data wins over a keyword ("paymnets" stays a team).
            if (best is not null && (_catalog.MatchFuzzy(tokens[i]) is not { } value || bestDistance < value.Distance))
            {
                tokens[i] = new Token(best, Tokenizer.Stem(best));
            }
        }
    }

    private static CostMetric? ScanMetric(ParseState s)
    {
        CostMetric? metric = null;
        for (var i = 0; i < s.Tokens.Count; i++)
        {
            if (s.Consumed[i])
            {
                continue;
            }

            var t = s.Tokens[i].Text;
            var length = 0;
            CostMetric? found = null;
            if (t is "billed" or "bill" or "bills" or "invoice" or "invoiced" or "invoices" || (t == "billing" && !s.Is(i + 1, "account")))
            {
                found = CostMetric.BilledCost;
                length = 1;
            }
            else if (s.Is(i, "list") && (s.IsStem(i + 1, "price") || s.IsStem(i + 1, "cost") || s.IsStem(i + 1, "pricing")))
            {
                found = CostMetric.ListCost;
                length = 2;
            }
            else if (t is "on-demand" or "retail" || s.Is(i, "on") && s.Is(i + 1, "demand"))
            {
                found = CostMetric.ListCost;
                length = t == "on" ? 2 : 1;
                if (s.IsStem(i + length, "price") || s.IsStem(i + length, "rate"))
                {
                    length++;
                }
            }
            else if (t is "amortised" or "amortized" or "effective" or "amortization" or "amortisation")
            {
                found = CostMetric.EffectiveCost;
                length = 1;
            }
            else if (t is "contracted" or "negotiated")
            {
                found = CostMetric.ContractedCost;
                length = 1;
            }

            if (found is not null)
            {
                metric ??= found;
                s.Consume(i, length);
            }
        }

        return metric;
    }

    private static void ScanTop(ParseState s)
    {
        for (var i = 0; i < s.Tokens.Count; i++)
        {
            if (s.Consumed[i])
            {
                continue;
            }

            var t = s.Tokens[i].Text;
            if (t == "top" || TopAdjectives.Contains(t) || (t == "most" && (s.Is(i + 1, "expensive") || s.Is(i + 1, "costly"))))
            {
                var length = t == "most" ? 2 : 1;
                var n = DefaultTop;
                var explicitN = false;
                if (i + length < s.Tokens.Count && !s.Consumed[i + length] && Vocabulary.TryNumber(s.Tokens[i + length], out var after) && after is >= 1 and <= 100)
                {
                    n = after;
                    length++;
                    explicitN = true;
                }
                else if (i > 0 && !s.Consumed[i - 1] && Vocabulary.TryNumber(s.Tokens[i - 1], out var before) && before is >= 1 and <= 100)
                {
                    n = before;
                    s.Consume(i - 1, 1);
                    explicitN = true;
                }

                s.TopN = explicitN || s.TopN is null ? n : s.TopN;
                s.Consume(i, length);
                s.TopDimensionAt = i + length;

                // "the most expensive day": the peak of a daily trend.
                if (s.IsStem(i + length, "day") || s.IsStem(i + length, "week") || s.IsStem(i + length, "month"))
                {
                    s.GranularityHint = s.Tokens[i + length].Stem switch { "day" => Granularity.Day, "week" => Granularity.Week, _ => Granularity.Month };
                    s.Consume(i + length, 1);
                }
            }
            else if (t == "most" || (t == "the" && s.Is(i + 1, "most")))
            {
                // "who spent the most", "which service costs the most"
                var length = t == "the" ? 2 : 1;
                s.TopN ??= DefaultTop;
                s.Consume(i, length);
            }
        }
    }

    private void ScanGroupBy(ParseState s)
    {
        for (var i = 0; i < s.Tokens.Count; i++)
        {
            if (s.Consumed[i])
            {
                continue;
            }

            var t = s.Tokens[i].Text;
            if (t == "who" || t == "whos")
            {
                s.SawWho = true;
                continue;
            }

            // "team breakdown", "service split"
            if (DimensionAt(s, i, out var headLength, out _) is { } head && (s.Is(i + headLength, "breakdown") || s.Is(i + headLength, "split")))
            {
                if (!s.GroupBy.Contains(head))
                {
                    s.GroupBy.Add(head);
                }

                s.Consume(i, headLength);
                continue;
            }

            var isTrigger = GroupTriggers.Contains(t) || i == s.TopDimensionAt
                || (t is "broken" or "split" or "grouped" or "breakdown" or "group" && s.Is(i + 1, "by"))
                || (t == "for" && (s.Is(i + 1, "each") || s.Is(i + 1, "every") || s.Is(i + 1, "all")));
            if (!isTrigger)
            {
                continue;
            }

            var at = i == s.TopDimensionAt ? i : i + 1;
            while (at < s.Tokens.Count && s.Tokens[at].Text is "by" or "each" or "every" or "all" or "the" or "of" or "our" or "my" or "cloud" && DimensionAt(s, at + 1, out _, out _) is not null)
            {
                at++;
            }

            var dimension = DimensionAt(s, at, out var length, out var plural);
            if (dimension is null)
            {
                continue;
            }

            // "what team is payments" style qualifiers are rare; "which team"/"by team" always group.
            if (t is "what" or "all" && !plural && !s.Is(i + 1, s.Tokens[at].Text))
            {
                continue;
            }

            if (!s.GroupBy.Contains(dimension))
            {
                s.GroupBy.Add(dimension);
            }

            s.Consume(i, at - i + length);
            i = at + length - 1;

            // "by team and service"
            if (s.Is(i + 1, "and") && DimensionAt(s, i + 2, out var secondLength, out _) is { } second)
            {
                if (!s.GroupBy.Contains(second))
                {
                    s.GroupBy.Add(second);
                }

                s.Consume(i + 1, 1 + secondLength);
                i += 1 + secondLength;
            }
        }
    }

    private static bool IsSubjectOfSpending(ParseState s, int start, int length)
    {
        var before = start - 1;
        if (before >= 0 && Determiners.Contains(s.Tokens[before].Text))
        {
            before--;
        }

        var after = start + length;
        return before >= 0 && SubjectAuxiliaries.Contains(s.Tokens[before].Text)
            && after < s.Tokens.Count && SpendingVerbs.Contains(s.Tokens[after].Text);
    }

    private int CategoryDescriptorLength(ParseState s, int i)
    {
        if (i >= s.Tokens.Count || s.Consumed[i])
        {
            return 0;
        }

        var hit = _catalog.MatchAt(s.Tokens, i);
        return hit is not null && hit.Candidates.All(c => c.Dimension.Kind == DimensionKind.Category) ? hit.Length : 0;
    }

    /// <summary>A dimension word (or a configured tag key) at <paramref name="i"/>, with its word count.</summary>
    private Dimension? DimensionAt(ParseState s, int i, out int length, out bool plural)
    {
        length = 0;
        plural = false;
        if (i < 0 || i >= s.Tokens.Count || s.Consumed[i])
        {
            return null;
        }

        if (i + 1 < s.Tokens.Count && !s.Consumed[i + 1])
        {
            var two = s.Tokens[i].Stem + " " + s.Tokens[i + 1].Stem;
            if (Vocabulary.TwoWordDimensions.TryGetValue(two, out var kind2))
            {
                length = 2;
                plural = s.Tokens[i + 1].Text != s.Tokens[i + 1].Stem;
                return Dimension.Of(kind2);
            }
        }

        var token = s.Tokens[i];
        if (token.Text.StartsWith("tag:", StringComparison.Ordinal) && token.Text.Length > 4)
        {
            length = 1;
            return Dimension.Tag(token.Text[4..]);
        }

        if (token.Stem == "tag" && i + 1 < s.Tokens.Count && TagKeyAt(s.Tokens[i + 1]) is { } afterTag)
        {
            length = 2;
            return Dimension.Tag(afterTag);
        }

        if (MultiWordTagKeyAt(s, i, out var words) is { } spaced)
        {
            length = s.IsStem(i + words, "tag") ? words + 1 : words;
            return Dimension.Tag(spaced);
        }

        if (TagKeyAt(token) is { } key)
        {
            length = s.IsStem(i + 1, "tag") ? 2 : 1;
            return Dimension.Tag(key);
        }

        if (Vocabulary.DimensionWords.TryGetValue(token.Stem, out var kind))
        {
            length = 1;
            plural = token.Text != token.Stem;
            return Dimension.Of(kind);
        }

        return null;
    }

    /// <summary>A tag key like "cost-center" typed as separate words ("cost center"); <paramref name="words"/> is their count.</summary>
    private string? MultiWordTagKeyAt(ParseState s, int i, out int words)
    {
        words = 0;
        foreach (var key in _catalog.TagKeys)
        {
            var parts = key.Split(['-', '_', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || i + parts.Length > s.Tokens.Count)
            {
                continue;
            }

            var all = true;
            for (var k = 0; k < parts.Length && all; k++)
            {
                all = !s.Consumed[i + k] && (s.Tokens[i + k].Text == parts[k] || s.Tokens[i + k].Stem == Tokenizer.Stem(parts[k]));
            }

            if (all)
            {
                words = parts.Length;
                return key;
            }
        }

        return null;
    }

    private string? TagKeyAt(Token token)
    {
        foreach (var key in _catalog.TagKeys)
        {
            if (string.Equals(key, token.Text, StringComparison.Ordinal) || string.Equals(Tokenizer.Stem(key), token.Stem, StringComparison.Ordinal))
            {
                return key;
            }
        }

        return null;
    }

    private void ScanValues(ParseState s)
    {
        for (var i = 0; i < s.Tokens.Count; i++)
        {
            if (s.Consumed[i])
            {
                continue;
            }

            var hit = _catalog.MatchAt(s.Tokens, i);
            if (hit is not null && Enumerable.Range(i, hit.Length).Any(k => s.Consumed[k]))
            {
                hit = null;
            }

            if (hit is null && s.Tokens[i].Text.Length >= 5 && !Vocabulary.CommonWords.Contains(s.Tokens[i].Text) && !Vocabulary.CommonWords.Contains(s.Tokens[i].Stem)
                && !Vocabulary.Months.ContainsKey(s.Tokens[i].Text) && !Vocabulary.NumberWords.ContainsKey(s.Tokens[i].Text) && !s.Tokens[i].Text.Any(char.IsDigit))
            {
                hit = _catalog.MatchFuzzy(s.Tokens[i]);
            }

            if (hit is null)
            {
                continue;
            }

            var next = DimensionAt(s, i + hit.Length, out var nextLength, out _);
            var previous = i > 0 ? DimensionAt(s, i - 1, out var previousLength, out _) : null;

            // A value that is also an everyday word ("the data", "the growth") needs its dimension word.
            if (hit.Length == 1 && Vocabulary.CommonWords.Contains(s.Tokens[i].Text) && i > 0 && Determiners.Contains(s.Tokens[i - 1].Text)
                && !hit.Candidates.Any(c => c.Dimension == next))
            {
                continue;
            }

            var candidates = hit.Candidates;
            if (candidates.Count > 1)
            {
                var narrowed = candidates.Where(c => c.Dimension == next || c.Dimension == previous).ToList();
                if (narrowed.Count == 0 && IsSubjectOfSpending(s, i, hit.Length))
                {
                    // "how much did mobile spend": only a team spends; a category or an account does not.
                    narrowed = candidates.Where(c => c.Dimension.Kind == DimensionKind.Team).ToList();
                }

                if (narrowed.Count > 0)
                {
                    candidates = narrowed;
                }
            }

            var word = Tokenizer.Join(s.Tokens.Skip(i).Take(hit.Length));
            if (candidates.Count > 1 && !hit.AllOf)
            {
                s.Ambiguities.Add(new ValueAmbiguity(word, candidates));
            }

            var chosen = candidates[0];
            if (!s.Filters.TryGetValue(chosen.Dimension, out var list))
            {
                list = [];
                s.Filters[chosen.Dimension] = list;
            }

            foreach (var value in hit.AllOf ? candidates.Select(c => c.Value) : [chosen.Value])
            {
                if (!list.Contains(value, StringComparer.OrdinalIgnoreCase))
                {
                    list.Add(value);
                }
            }

            s.Consume(i, hit.Length);
            for (var k = i; k < i + hit.Length; k++)
            {
                s.ValueToken[k] = true;
            }

            // The qualifying dimension word ("payments team", "team payments") is part of the value, not a group-by.
            if (next == chosen.Dimension)
            {
                s.Consume(i + hit.Length, nextLength);
            }
            else if (chosen.Dimension.Kind == DimensionKind.Service && CategoryDescriptorLength(s, i + hit.Length) is > 0 and var descriptor)
            {
                // "gcs storage", "ec2 compute": the category word describes the service, it is not a second filter.
                s.Consume(i + hit.Length, descriptor);
            }
            else if (previous == chosen.Dimension && i > 0)
            {
                s.Consume(i - 1, 1);
            }

            i += hit.Length - 1;
        }
    }

    private void ScanPluralDimensions(ParseState s)
    {
        for (var i = 0; i < s.Tokens.Count; i++)
        {
            var dimension = DimensionAt(s, i, out var length, out var plural);
            if (dimension is null)
            {
                continue;
            }

            // "services" on its own, or "team costs": the dimension to split by.
            var splits = plural || CostWords.Contains(s.Tokens.ElementAtOrDefault(i + length).Text ?? string.Empty);
            if (splits && dimension.Kind != DimensionKind.Provider && !s.GroupBy.Contains(dimension))
            {
                s.GroupBy.Add(dimension);
            }

            s.Consume(i, length);
        }
    }

    private static Granularity? ScanGranularity(ParseState s)
    {
        Granularity? granularity = null;
        for (var i = 0; i < s.Tokens.Count; i++)
        {
            var t = s.Tokens[i].Text;
            Granularity? found = t switch
            {
                "daily" => Granularity.Day,
                "weekly" => Granularity.Week,
                "monthly" => Granularity.Month,
                _ => null,
            };
            var length = 1;
            if (found is null && (t is "by" or "per" or "each" or "every" || t == "a" && i > 0) && i + 1 < s.Tokens.Count)
            {
                found = s.Tokens[i + 1].Stem switch
                {
                    "day" => Granularity.Day,
                    "week" => Granularity.Week,
                    "month" => Granularity.Month,
                    _ => null,
                };
                length = 2;
            }

            if (found is null && s.Is(i, "day") && s.Is(i + 1, "by") && s.Is(i + 2, "day"))
            {
                found = Granularity.Day;
                length = 3;
            }

            if (found is not null && !s.Consumed[i])
            {
                granularity ??= found;
                s.Consume(i, length);
            }
        }

        return granularity ?? s.GranularityHint;
    }

    private static List<string> Unrecognised(ParseState s)
    {
        var words = new List<string>();
        for (var i = 0; i < s.Tokens.Count; i++)
        {
            var t = s.Tokens[i];
            if (s.Consumed[i] || t.Text.Length < 3 || t.Text.Any(char.IsDigit) || Vocabulary.CommonWords.Contains(t.Text) || Vocabulary.CommonWords.Contains(t.Stem)
                || Vocabulary.Months.ContainsKey(t.Text) || Vocabulary.NumberWords.ContainsKey(t.Text) || AllKeywords.Contains(t.Text))
            {
                continue;
            }

            words.Add(t.Text);
        }

        return words;
    }

    private static readonly FrozenSet<string> AllKeywords = FrozenSet.ToFrozenSet(
        HelpWords.Concat(FreshnessWords).Concat(ForecastWords).Concat(DriverWords).Concat(CompareWords).Concat(TrendWords).Concat(BreakdownWords).Concat(CostWords)
            .Concat(LowestWords).Concat(["show", "tell", "give", "list", "what", "which", "whats", "many", "does", "data", "cover", "covers", "through", "least"]),
        StringComparer.Ordinal);

    private static int IndexOf(string[] words, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= words.Length; i++)
        {
            var ok = true;
            for (var k = 0; k < phrase.Length && ok; k++)
            {
                ok = string.Equals(words[i + k], phrase[k], StringComparison.Ordinal);
            }

            if (ok)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Removes Slack and Teams mentions ("&lt;@U123&gt;", "&lt;at&gt;FinOps&lt;/at&gt;", "@finops") before tokenising.</summary>
    internal static string StripMentions(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '<' && i + 1 < text.Length && text[i + 1] is '@' or '!' or '#')
            {
                var close = text.IndexOf('>', i + 1);
                if (close > 0)
                {
                    i = close;
                    sb.Append(' ');
                    continue;
                }
            }

            if (c == '<' && string.CompareOrdinal(text, i, "<at>", 0, 4) == 0)
            {
                var close = text.IndexOf("</at>", i, StringComparison.OrdinalIgnoreCase);
                if (close > 0)
                {
                    i = close + 4;
                    sb.Append(' ');
                    continue;
                }
            }

            if (c == '@' && (i == 0 || char.IsWhiteSpace(text[i - 1])))
            {
                while (i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
                {
                    i++;
                }

                sb.Append(' ');
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>What the intent rules look at: the question's words (without those that named values) and what the scans found.</summary>
    private sealed class Words
    {
        public Words(ParseState s, TimeScan time, CostMetric? metric, Granularity? granularity)
        {
            S = s;
            Time = time;
            Granularity = granularity;

            // Words that named values ("growth", "data") are not keywords.
            Keywords = s.Tokens.Where((_, i) => !s.ValueToken[i]).Select(t => t.Text).ToArray();
            AllWords = s.Tokens.Select(t => t.Text).ToArray();
            Absolute = time.Periods.Where(p => !p.Relative).ToList();
            Relative = time.Periods.FirstOrDefault(p => p.Relative);
            HasUnallocated = s.Filters.TryGetValue(Dimension.Team, out var teams) && teams.Contains(ValueSynonyms.UnallocatedTeam, StringComparer.OrdinalIgnoreCase);
            AnyContent = s.Filters.Count > 0 || s.GroupBy.Count > 0 || time.Periods.Count > 0 || metric is not null || s.TopN is not null || granularity is not null
                || time.YearOverYear || time.PeriodOverPeriod is not null || time.EndOf is not null || Has(CostWords);
        }

        public ParseState S { get; }

        public TimeScan Time { get; }

        public Granularity? Granularity { get; }

        /// <summary>The words that did not name a value.</summary>
        public string[] Keywords { get; }

        public string[] AllWords { get; }

        public List<FoundPeriod> Absolute { get; }

        public FoundPeriod? Relative { get; }

        public bool HasUnallocated { get; }

        public bool AnyContent { get; }

        /// <summary>Two periods to compare: two absolute ones, a relative one, year over year or period over period.</summary>
        public bool HasTwoPeriods => Absolute.Count >= 2 || Relative is not null || Time.YearOverYear || Time.PeriodOverPeriod is not null;

        public QuestionIntent Intent { get; set; }

        public bool AsksForSmallest { get; set; }

        public bool Has(FrozenSet<string> set) => Keywords.Any(set.Contains);

        public bool HasPhrase(params string[] phrase) => IndexOf(Keywords, phrase) >= 0;
    }

    private sealed record ResolvedPeriods(FoundPeriod? Primary, DateRange Period, PeriodLabel Label, FoundPeriod? Compare);

    private sealed class ParseState(List<Token> tokens)
    {
        public List<Token> Tokens { get; } = tokens;

        public bool[] Consumed { get; } = new bool[tokens.Count];

        public bool[] ValueToken { get; } = new bool[tokens.Count];

        public Dictionary<Dimension, List<string>> Filters { get; } = [];

        public List<Dimension> GroupBy { get; } = [];

        public List<ValueAmbiguity> Ambiguities { get; } = [];

        public int? TopN { get; set; }

        public int TopDimensionAt { get; set; } = -1;

        public bool SawWho { get; set; }

        public Granularity? GranularityHint { get; set; }

        public bool Is(int i, string word) =>
            i >= 0 && i < Tokens.Count && !Consumed[i] && string.Equals(Tokens[i].Text, word, StringComparison.Ordinal);

        public bool IsStem(int i, string stem) =>
            i >= 0 && i < Tokens.Count && !Consumed[i] && string.Equals(Tokens[i].Stem, stem, StringComparison.Ordinal);

        public void Consume(int start, int length)
        {
            for (var k = start; k < start + length && k < Tokens.Count; k++)
            {
                if (k >= 0)
                {
                    Consumed[k] = true;
                }
            }
        }
    }
}
