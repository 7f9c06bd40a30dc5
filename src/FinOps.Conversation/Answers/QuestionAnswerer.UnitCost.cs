using System.Globalization;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Questions;
using FinOps.Core.Query;
using FinOps.Core.UnitEconomics;

namespace FinOps.Conversation.Answers;

/// <summary>Unit costs: cost divided by an imported business metric over exactly the same days.</summary>
/// <remarks>
/// The metric is chosen by scope: a team question uses the team's own series, else the company-wide one (and says so);
/// a company question uses the company-wide series, or the one team that counts the metric (and narrows the cost to
/// that team, saying so). Both periods are cut to the days the metric covers, the comparison by as many days, so the
/// figures stay like-for-like. No matching metric means no figure: the answer lists the metrics that exist.
/// </remarks>
public sealed partial class QuestionAnswerer
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");

    private async Task<QuestionAnswer> UnitCostAsync(AnswerContext c, CancellationToken cancellationToken)
    {
        var request = c.Question.UnitCost ?? new UnitCostRequest([], null, UnitCostShape.Total);
        var series = _metrics is null ? [] : await _metrics.GetSeriesAsync(cancellationToken);
        var teams = c.Query.Filters.TryGetValue(Dimension.Team, out var t) ? t : [];
        if (teams.Count > 1)
        {
            return NoUnitCost(c, "A unit cost is answered for one team or for the whole company; ask for each team on its own, e.g. \"" + AnswerFormat.DisplayName(teams[0]) + " cost per order\".", series);
        }

        var team = teams.Count == 1 ? teams[0].ToLowerInvariant() : null;
        var pick = PickSeries(request, team, series);
        if (pick.Series is null)
        {
            return NoUnitCost(c, pick.Note!, series);
        }

        var chosen = pick.Series;
        var query = c.Query with { GroupBy = [], Top = null, ComparePeriod = null };
        if (chosen.Team is not null && team is null)
        {
            query = query with { Filters = new Dictionary<Dimension, IReadOnlyList<string>>(query.Filters) { [Dimension.Team] = [chosen.Team] } };
        }

        var covered = new DateRange(chosen.First, chosen.Last.AddDays(1));
        var period = Overlap(query.Period, covered);
        var metricName = BusinessMetricNames.Display(chosen.Metric);
        if (period is null)
        {
            return NoUnitCost(c, string.Create(En, $"There are no {metricName} values for {c.Question.PeriodLabel.Phrase} ({c.Span(c.Query.Period)}): {ScopeName(chosen)} {metricName} are known from {chosen.First:MMM d, yyyy} to {chosen.Last:MMM d, yyyy}, so there is no unit cost to show."), series);
        }

        var notes = new List<string>();
        if (pick.Note is not null)
        {
            notes.Add(pick.Note);
        }

        if (period != query.Period)
        {
            notes.Add(string.Create(En, $"The figures cover {c.Span(period)} only, the days with both cost and {metricName} data ({metricName} are known from {chosen.First:MMM d} to {chosen.Last:MMM d, yyyy})."));
        }

        var c2 = c with { Query = query with { Period = period } };
        return request.Shape == UnitCostShape.Trend || query.Granularity is not null
            ? await UnitCostTrendAsync(c2, request, chosen, notes, cancellationToken)
            : await UnitCostFigureAsync(c2, request, chosen, covered, c.Query.Period.Days - period.Days, notes, cancellationToken);
    }

    private async Task<QuestionAnswer> UnitCostFigureAsync(AnswerContext c, UnitCostRequest request, BusinessMetricSeries chosen, DateRange covered, int cutDays, List<string> notes, CancellationToken cancellationToken)
    {
        // The comparison: the named one ("vs last month"), else the like-for-like period before; cut by as many days as the primary.
        var (compare, compareLabel) = request.Shape == UnitCostShape.Compare
            ? (c.Question.Query!.ComparePeriod, c.Question.ComparePeriodLabel?.Phrase ?? "the period before")
            : (c.Question.ContextComparePeriod, c.Question.ContextCompareLabel?.Phrase);
        if (compare is not null && cutDays > 0 && compare.Days > cutDays)
        {
            compare = new DateRange(compare.Start, compare.End.AddDays(-cutDays));
        }

        if (compare is not null && (Overlap(compare, covered) != compare || c.Coverage is null || c.Coverage.Dates.Start > compare.Start))
        {
            compare = null;
        }

        var result = await _queries.QueryAsync(c.Query with { ComparePeriod = compare }, cancellationToken);
        var (currency, cost, compareCost) = Totals(c, result);
        var volume = (await _metrics!.GetValuesAsync(chosen.Metric, chosen.Team, c.Query.Period, cancellationToken)).Sum(v => v.Value);
        decimal? compareVolume = compare is null ? null : (await _metrics.GetValuesAsync(chosen.Metric, chosen.Team, compare, cancellationToken)).Sum(v => v.Value);
        var scale = request.Scale ?? UnitCost.ChooseScale(cost, volume);
        var figure = new UnitCost(cost, volume, scale);
        decimal? before = compare is not null && compareVolume is { } cv && compareCost is { } cc ? new UnitCost(cc, cv, scale).Value : null;

        var per = PerPhrase(chosen.Metric, scale);
        var subject = UnitSubject(c.Query);
        var when = $"{c.Question.PeriodLabel.Phrase} ({c.Span(c.Query.Period)}, {c.Metric})";
        string sentence;
        if (figure.Value is not { } value)
        {
            sentence = string.Create(En, $"{subject} per {per} {when} cannot be worked out: {ScopeName(chosen)} {BusinessMetricNames.Display(chosen.Metric)} add up to 0 on those days, against {AnswerFormat.Money(cost, currency)} of cost.");
        }
        else
        {
            sentence = string.Create(En, $"{subject} per {per} {when} was {UnitMoney(value, currency)}: {AnswerFormat.Money(cost, currency)} of cost over {volume:N0} {BusinessMetricNames.Display(chosen.Metric)}");
            sentence += before is { } b
                ? string.Create(En, $", {AnswerFormat.Change(value, b)} on {compareLabel} ({UnitMoney(b, currency)} per {per}).")
                : ".";
        }

        var scope = ScopeSentence(chosen);
        var text = string.Join(' ', new[] { sentence, scope }.Concat(notes));
        if (result.ByCurrency.Count > 1)
        {
            text += $" Only {currency} costs are included; costs in {AnswerFormat.JoinAnd(result.ByCurrency.Skip(1).Select(p => p.Currency).ToList())} are not converted.";
        }

        var blocks = new List<CardBlock> { new TextBlock(text) };
        if (figure.Value is { } shown)
        {
            var delta = before is { } was ? Delta.Between(new Money(shown, currency), new Money(was, currency)) : null;
            blocks.Add(new KeyNumberBlock($"{subject} per {per}, {c.Question.PeriodLabel.Phrase}", new Money(Math.Round(shown, 2), currency), delta, compareLabel is null || before is null ? null : "vs " + compareLabel));
        }

        blocks.Add(new FactsBlock([
            new Fact("Cost", AnswerFormat.Money(cost, currency)),
            new Fact(AnswerFormat.Capitalise(BusinessMetricNames.Display(chosen.Metric)), volume.ToString("N0", En)),
            new Fact("Metric used", $"{chosen.Metric} ({ScopeName(chosen)})"),
        ]));
        blocks.Add(ContextLine(c, compare));
        var answer = new QuestionAnswer(c.Question, currency, figure.Value, before, [], text, new Card("answer", text, blocks))
        {
            UnitCost = new UnitCostAnswer(chosen.Metric, chosen.Team, scale, cost, volume, figure.Value, before),
        };
        return answer;
    }

    private async Task<QuestionAnswer> UnitCostTrendAsync(AnswerContext c, UnitCostRequest request, BusinessMetricSeries chosen, List<string> notes, CancellationToken cancellationToken)
    {
        var granularity = c.Query.Granularity ?? Granularity.Month;
        var result = await _queries.QueryAsync(c.Query with { Granularity = granularity }, cancellationToken);
        var (currency, cost, _) = Totals(c, result);
        var values = await _metrics!.GetValuesAsync(chosen.Metric, chosen.Team, c.Query.Period, cancellationToken);
        var volume = values.Sum(v => v.Value);
        var scale = request.Scale ?? UnitCost.ChooseScale(cost, volume);
        var costByBucket = (result.Primary?.Rows ?? []).Where(r => r.Bucket is not null).GroupBy(r => r.Bucket!.Value).ToDictionary(g => g.Key, g => g.Sum(r => r.Value));
        var volumeByBucket = values.GroupBy(v => Bucket(v.Date, granularity)).ToDictionary(g => g.Key, g => g.Sum(v => v.Value));
        var buckets = new List<(DateOnly Bucket, UnitCost Figure)>();
        for (var bucket = Bucket(c.Query.Period.Start, granularity); bucket < c.Query.Period.End; bucket = Next(bucket, granularity))
        {
            buckets.Add((bucket, new UnitCost(costByBucket.GetValueOrDefault(bucket), volumeByBucket.GetValueOrDefault(bucket), scale)));
        }

        var per = PerPhrase(chosen.Metric, scale);
        var subject = UnitSubject(c.Query);
        var known = buckets.Where(b => b.Figure.Value is not null).ToList();
        string sentence;
        if (known.Count == 0)
        {
            sentence = $"{subject} per {per} {c.Question.PeriodLabel.Phrase} cannot be worked out: {ScopeName(chosen)} {BusinessMetricNames.Display(chosen.Metric)} add up to 0 on those days.";
        }
        else
        {
            var first = known[0];
            var last = known[^1];
            sentence = string.Create(En, $"{subject} per {per} by {granularity.ToString().ToLowerInvariant()}, {c.Question.PeriodLabel.Phrase} ({c.Span(c.Query.Period)}, {c.Metric}): {UnitMoney(last.Figure.Value!.Value, currency)} in {BucketLabel(last.Bucket, granularity)}");
            sentence += known.Count > 1
                ? string.Create(En, $", {AnswerFormat.Change(last.Figure.Value.Value, first.Figure.Value!.Value)} on {BucketLabel(first.Bucket, granularity)} ({UnitMoney(first.Figure.Value.Value, currency)}).")
                : ".";
        }

        var missing = buckets.Where(b => b.Figure.Value is null).Select(b => BucketLabel(b.Bucket, granularity)).ToList();
        if (missing.Count > 0)
        {
            notes.Add($"No {BusinessMetricNames.Display(chosen.Metric)} for {AnswerFormat.JoinAnd(missing)}, so no unit cost there.");
        }

        var text = string.Join(' ', new[] { sentence, ScopeSentence(chosen) }.Concat(notes));
        var blocks = new List<CardBlock> { new TextBlock(text) };
        if (known.Count > 0)
        {
            var points = known.Select(b => new ChartPoint(BucketLabel(b.Bucket, granularity), Math.Round(b.Figure.Value!.Value, 4))).ToList();
            var spec = new ChartSpec($"{subject} per {per}", currency, points, null, null, null);
            blocks.Add(new ChartBlock(spec, $"{subject} per {per} by {granularity.ToString().ToLowerInvariant()}: " + string.Join(", ", known.Select(b => $"{BucketLabel(b.Bucket, granularity)} {UnitMoney(b.Figure.Value!.Value, currency)}")) + "."));
            blocks.Add(new CostTableBlock(
                $"{AnswerFormat.Capitalise(granularity.ToString().ToLowerInvariant())} (cost per {per})",
                known.Select(b => new CostTableRow(BucketLabel(b.Bucket, granularity), new Money(Math.Round(b.Figure.Value!.Value, 2), currency))).ToList()));
        }

        blocks.Add(ContextLine(c, null));
        var rows = known.Select(b => new AnswerRow([new KeyValuePair<string, string>("date", AnswerFormat.Iso(b.Bucket))], b.Figure.Value!.Value, null)).ToList();
        var overall = new UnitCost(cost, volume, scale);
        return new QuestionAnswer(c.Question, currency, overall.Value, null, rows, text, new Card("answer", text, blocks))
        {
            UnitCost = new UnitCostAnswer(chosen.Metric, chosen.Team, scale, cost, volume, overall.Value, null),
        };
    }

    /// <summary>The series a question means, or a note saying why there is none (never a guess).</summary>
    private static (BusinessMetricSeries? Series, string? Note) PickSeries(UnitCostRequest request, string? team, IReadOnlyList<BusinessMetricSeries> series)
    {
        if (series.Count == 0)
        {
            return (null, "No business metrics have been imported yet, so there is no unit cost to show.");
        }

        List<string> keys;
        if (request.MetricWords.Count > 0)
        {
            keys = series.Select(s => s.Metric).Distinct().Where(k => BusinessMetricNames.Matches(request.MetricWords, k)).ToList();
            if (keys.Count == 0)
            {
                return (null, $"There is no business metric called \"{request.MetricPhrase}\", so there is no cost per {request.MetricPhrase} to show.");
            }
        }
        else
        {
            // "unit cost of checkout": the team's own metric when it has exactly one, else the company's only one.
            var own = series.Where(s => team is not null && s.Team == team).Select(s => s.Metric).Distinct().ToList();
            var company = series.Where(s => s.Team is null).Select(s => s.Metric).Distinct().ToList();
            keys = own.Count > 0 ? own : company;
            if (keys.Count != 1)
            {
                return (null, $"Unit cost needs a metric to divide by; {(team is null ? "the company has" : AnswerFormat.DisplayName(team) + " has")} {(keys.Count == 0 ? "none of its own" : "several")}. Ask e.g. \"cost per 1,000 {BusinessMetricNames.Display((keys.Count > 0 ? keys : series.Select(s => s.Metric).ToList())[0])}\".");
            }
        }

        var key = keys[0];
        if (team is not null)
        {
            if (series.FirstOrDefault(s => s.Metric == key && s.Team == team) is { } own)
            {
                return (own, null);
            }

            if (series.FirstOrDefault(s => s.Metric == key && s.Team is null) is { } whole)
            {
                return (whole, $"{AnswerFormat.DisplayName(team)} has no {BusinessMetricNames.Display(key)} count of its own, so the company-wide count is used.");
            }

            var counted = series.Where(s => s.Metric == key).Select(s => AnswerFormat.DisplayName(s.Team!)).ToList();
            return (null, $"{BusinessMetricNames.Display(key)} are counted for {AnswerFormat.JoinAnd(counted)} only, not for {AnswerFormat.DisplayName(team)} or the whole company.");
        }

        if (series.FirstOrDefault(s => s.Metric == key && s.Team is null) is { } companyWide)
        {
            return (companyWide, null);
        }

        var byTeam = series.Where(s => s.Metric == key).ToList();
        if (byTeam.Count == 1)
        {
            var only = byTeam[0];
            return (only, $"{AnswerFormat.Capitalise(BusinessMetricNames.Display(key))} are counted by team {AnswerFormat.DisplayName(only.Team!)} only, so this is {Possessive(AnswerFormat.DisplayName(only.Team!))} cost per {BusinessMetricNames.Singular(BusinessMetricNames.Display(key))}.");
        }

        return (null, $"{AnswerFormat.Capitalise(BusinessMetricNames.Display(key))} are counted per team ({AnswerFormat.JoinAnd(byTeam.Select(s => AnswerFormat.DisplayName(s.Team!)).ToList())}), not for the whole company; ask for one team, e.g. \"{AnswerFormat.DisplayName(byTeam[0].Team!)} cost per {BusinessMetricNames.Singular(BusinessMetricNames.Display(key))}\".");
    }

    private QuestionAnswer NoUnitCost(AnswerContext c, string why, IReadOnlyList<BusinessMetricSeries> series)
    {
        var available = series.GroupBy(s => s.Metric)
            .Select(g => $"{BusinessMetricNames.Display(g.Key)} ({AnswerFormat.JoinAnd(g.Select(s => s.Team is null ? "company-wide" : "team " + AnswerFormat.DisplayName(s.Team)).ToList())})")
            .ToList();
        var text = why + (available.Count == 0
            ? " Import a CSV of date,metric,value[,team] with `metrics import <file>` or drop it in the watched metrics folder (see README, Unit economics)."
            : $" Business metrics available: {string.Join("; ", available)}.");
        LogNoUnitCost(_logger, c.Question.Text.Length);
        var blocks = new List<CardBlock> { new TextBlock(text) };
        return new QuestionAnswer(c.Question, null, null, null, [], text, new Card("answer", text, blocks));
    }

    private static DateRange? Overlap(DateRange a, DateRange b)
    {
        var start = a.Start > b.Start ? a.Start : b.Start;
        var end = a.End < b.End ? a.End : b.End;
        return end > start ? new DateRange(start, end) : null;
    }

    private static string UnitSubject(CostQuery query) =>
        query.Filters.Count == 0 ? "Cost" : (query.Filters.TryGetValue(Dimension.Team, out var teams) && query.Filters.Count == 1
            ? Possessive(AnswerFormat.DisplayName(teams[0])) + " cost"
            : (Subject(query).Subject ?? "Spend") + ": cost");

    /// <summary>"order" for a scale of 1, "1,000 orders" otherwise.</summary>
    private static string PerPhrase(string metric, int scale)
    {
        var words = BusinessMetricNames.Display(metric);
        if (scale == 1)
        {
            var parts = words.Split(' ');
            parts[^1] = BusinessMetricNames.Singular(parts[^1]);
            return string.Join(' ', parts);
        }

        return scale.ToString("N0", En) + " " + words;
    }

    private static string Possessive(string name) => name.EndsWith('s') ? name + "'" : name + "'s";

    private static string ScopeName(BusinessMetricSeries s) => s.Team is null ? "company-wide" : "team " + AnswerFormat.DisplayName(s.Team);

    private static string ScopeSentence(BusinessMetricSeries s) =>
        s.Team is null
            ? $"Divided by the company-wide {BusinessMetricNames.Display(s.Metric)} (business metric \"{s.Metric}\")."
            : $"Divided by team {Possessive(AnswerFormat.DisplayName(s.Team))} own {BusinessMetricNames.Display(s.Metric)} (business metric \"{s.Metric}\", team {s.Team}).";

    /// <summary>Two decimals from 1 up, four below (a unit cost of $0.0421 must not read as $0.04).</summary>
    private static string UnitMoney(decimal value, string currency) =>
        Math.Abs(value) >= 1m ? AnswerFormat.Money(Math.Round(value, 2, MidpointRounding.AwayFromZero), currency) : AnswerFormat.Money(0m, currency).Replace("0.00", Math.Round(value, 4, MidpointRounding.AwayFromZero).ToString("0.0000", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static DateOnly Bucket(DateOnly date, Granularity granularity) => granularity switch
    {
        Granularity.Month => new DateOnly(date.Year, date.Month, 1),
        Granularity.Week => Core.Calendar.CostCalendar.StartOfWeek(date),
        _ => date,
    };

    private static DateOnly Next(DateOnly bucket, Granularity granularity) => granularity switch
    {
        Granularity.Month => bucket.AddMonths(1),
        Granularity.Week => bucket.AddDays(7),
        _ => bucket.AddDays(1),
    };

    private static string BucketLabel(DateOnly bucket, Granularity granularity) => granularity switch
    {
        Granularity.Month => bucket.ToString("MMM yyyy", En),
        Granularity.Week => "week of " + bucket.ToString("MMM d", En),
        _ => bucket.ToString("MMM d", En),
    };

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "A unit-cost question of {Length} characters had no matching business metric")]
    private static partial void LogNoUnitCost(Microsoft.Extensions.Logging.ILogger logger, int length);
}
