using System.Globalization;
using FinOps.Conversation.Answers;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Rendering;
using FinOps.Core.Anomalies;
using FinOps.Core.Digests;
using FinOps.Core.Freshness;
using FinOps.Core.Query;

namespace FinOps.Conversation.Digests;

/// <summary>Turns a <see cref="WeeklyDigest"/> into a channel-neutral <see cref="Card"/>.</summary>
public sealed class DigestCardComposer
{
    public const string CardKind = "digest.weekly";

    /// <summary>Button that lists every service of the digest week; payload <c>team</c> and <c>week</c> (yyyy-MM-dd Monday).</summary>
    public const string ShowByServiceActionId = "digest.by-service";

    public const string TeamPayloadKey = "team";

    public const string WeekPayloadKey = "week";

    /// <summary>Open anomalies listed on a digest; the rest are counted.</summary>
    public const int MaxOpenAnomalies = 5;

    private readonly MoneyFormatter _money;

    public DigestCardComposer()
        : this(MoneyFormatter.EnglishUnitedStates)
    {
    }

    public DigestCardComposer(MoneyFormatter money)
    {
        _money = money ?? throw new ArgumentNullException(nameof(money));
    }

    public Card Compose(WeeklyDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var span = Span(digest.Week);
        var title = $"Weekly spend digest: {digest.TeamName}";
        var blocks = new List<CardBlock> { new TitleBlock(title) };
        if (digest.IsEmpty)
        {
            var none = $"No spend recorded for {digest.TeamName} in the week of {span} or the week before.";
            blocks.Add(new TextBlock(none));
            var anomalies = AddOpenAnomalies(digest, blocks);
            var fresh = AddFreshness(digest, blocks);
            blocks.Add(new ContextBlock(Context(digest)));
            return new Card(CardKind, $"{title}. {none}{(anomalies is null ? string.Empty : " " + anomalies + ".")}{(fresh is null ? string.Empty : " " + fresh)}", blocks);
        }

        var summaries = new List<string>();
        foreach (var section in digest.ByCurrency)
        {
            var current = new Money(section.Total, section.Currency);
            var previous = new Money(section.PreviousTotal, section.Currency);
            var delta = Delta.Between(current, previous);
            summaries.Add($"{_money.Format(current)} ({_money.FormatDelta(delta)} vs {_money.Format(previous)} the week before)");

            if (digest.ByCurrency.Count > 1)
            {
                blocks.Add(new DividerBlock());
            }

            blocks.Add(new KeyNumberBlock($"{digest.TeamName}, week of {span}", current, delta, "vs the week before"));
            blocks.Add(Chart(digest, section));
            if (section.TopServices.Count > 0)
            {
                blocks.Add(new CostTableBlock(
                    "Top services",
                    section.TopServices.Select(s => Row(s, section.Currency, section.Total)).ToList()));
            }

            if (section.TopMovers.Count > 0)
            {
                var kind = section.TopMovers[0].Kind;
                blocks.Add(new CostTableBlock(
                    kind == "resource" ? "Biggest changes (resources)" : "Biggest changes (services)",
                    section.TopMovers.Select(m => Row(m, section.Currency, null)).ToList()));
            }
        }

        if (digest.UnitCosts.Count > 0)
        {
            var facts = digest.UnitCosts.Select(UnitCostFact).ToList();
            blocks.Add(new FactsBlock(facts));
            summaries.Add(string.Join("; ", facts.Select(f => $"{f.Label.ToLowerInvariant()} {f.Value}")));
        }

        if (AddOpenAnomalies(digest, blocks) is { } open)
        {
            summaries.Add(open);
        }

        blocks.Add(new ActionsBlock([
            new CardAction(
                ShowByServiceActionId,
                "Show by service",
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [TeamPayloadKey] = digest.TeamKey,
                    [WeekPayloadKey] = digest.Week.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                }),
        ]));
        var freshness = AddFreshness(digest, blocks);
        blocks.Add(new ContextBlock(Context(digest)));

        var text = $"{title}, week of {span}: {string.Join("; ", summaries)}.{(freshness is null ? string.Empty : " " + freshness)}";
        return new Card(CardKind, text, blocks);
    }

    /// <summary>Every service of one team and week with the change against the week before (the "Show by service" answer).</summary>
    public Card ComposeByService(string teamName, DateRange week, CostQueryResult result)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamName);
        ArgumentNullException.ThrowIfNull(week);
        ArgumentNullException.ThrowIfNull(result);
        var title = $"{teamName}: spend by service, week of {Span(week)}";
        var blocks = new List<CardBlock> { new TitleBlock(title) };
        if (result.ByCurrency.Count == 0)
        {
            blocks.Add(new TextBlock("No spend recorded that week."));
            return new Card("digest.by-service", $"{title}: no spend recorded.", blocks);
        }

        foreach (var currency in result.ByCurrency)
        {
            var rows = currency.Rows
                .Select(r => Row(new DigestLine("service", r.Key.Count > 0 ? r.Key[0] : "(none)", r.Value, r.CompareValue ?? 0m), currency.Currency, currency.Total))
                .ToList();
            var total = new Money(currency.Total, currency.Currency);
            var totalDelta = Delta.Between(total, new Money(currency.CompareTotal ?? 0m, currency.Currency));
            blocks.Add(new CostTableBlock("Service", rows, new CostTableRow("Total", total, totalDelta, currency.Total == 0 ? null : 1m)));
        }

        blocks.Add(new ContextBlock("Effective cost (amortised), UTC days; change is against the week before."));
        var text = title + ": " + string.Join("; ", result.ByCurrency.Select(c => _money.Format(new Money(c.Total, c.Currency)))) + ".";
        return new Card("digest.by-service", text, blocks);
    }

    /// <summary>The team's open anomalies (service, since when, impact so far) as a table; the summary, or null when there are none.</summary>
    private string? AddOpenAnomalies(WeeklyDigest digest, List<CardBlock> blocks)
    {
        if (digest.OpenAnomalies.Count == 0)
        {
            return null;
        }

        var shown = digest.OpenAnomalies.Take(MaxOpenAnomalies).ToList();
        var rows = shown.Select(a => new CostTableRow(AnomalyLabel(a), new Money(a.Impact, a.Currency))).ToList();
        blocks.Add(new CostTableBlock("Open anomalies (impact so far vs expected)", rows));
        if (digest.OpenAnomalies.Count > shown.Count)
        {
            blocks.Add(new ContextBlock($"...and {digest.OpenAnomalies.Count - shown.Count} more open anomalies: ask \"open anomalies for {digest.TeamKey}\"."));
        }

        var count = digest.OpenAnomalies.Count == 1 ? "1 open anomaly" : $"{digest.OpenAnomalies.Count} open anomalies";
        return $"{count}: " + string.Join(", ", shown.Select(a => $"{AnomalyLabel(a)} {(a.Impact < 0 ? "-" : "+")}{_money.Format(new Money(Math.Abs(a.Impact), a.Currency))}"));
    }

    /// <summary>
    /// "Data complete for AWS through Dec 2, Azure through Dec 1." and each overdue export, as a context line; the sentence, or
    /// null without ingestion sources.
    /// </summary>
    private static string? AddFreshness(WeeklyDigest digest, List<CardBlock> blocks)
    {
        if (digest.Freshness.Count == 0)
        {
            return null;
        }

        var year = digest.Week.End.Year;
        var sentences = new List<string>();
        if (FreshnessText.Sentence(ProviderFreshness.Summarise(digest.Freshness), year) is { } complete)
        {
            sentences.Add(complete);
        }

        foreach (var source in digest.Freshness.Where(s => s.IsStale))
        {
            // Said here too, so the people reading the week's numbers know the latest days may be missing.
            sentences.Add(source.LastNewDataAt is { } at
                ? $"Export {source.Source} is overdue: nothing new since {AnswerFormat.Day(DateOnly.FromDateTime(at.UtcDateTime), year)}."
                : $"Export {source.Source} is overdue: it has delivered nothing yet.");
        }

        if (sentences.Count == 0)
        {
            return null;
        }

        var text = string.Join(" ", sentences);
        blocks.Add(new ContextBlock(text));
        return text;
    }

    /// <summary>"Amazon EC2, since Fri 20 Nov (3 days)": the incident's service (or account, or the whole team) and start.</summary>
    private static string AnomalyLabel(CostAnomaly anomaly)
    {
        var what = anomaly.Scope.FirstOrDefault(p => p.Key == "service").Value
            ?? (anomaly.Scope.FirstOrDefault(p => p.Key == "account").Value is { } account ? "account " + account : "all services");
        var days = anomaly.Days == 1 ? "1 day" : string.Create(CultureInfo.InvariantCulture, $"{anomaly.Days} days");
        return string.Create(CultureInfo.InvariantCulture, $"{what}, {(anomaly.Direction == AnomalyDirection.Up ? "up" : "down")} since {anomaly.Start:ddd d MMM} ({days})");
    }

    /// <summary>"Cost per order" -> "$0.42 (up 5% on $0.40 the week before)".</summary>
    private Fact UnitCostFact(DigestUnitCost unit)
    {
        var inv = CultureInfo.InvariantCulture;
        var words = unit.Metric.Replace('_', ' ');
        var per = unit.Scale == 1
            ? (words.EndsWith('s') && !words.EndsWith("ss", StringComparison.Ordinal) ? words[..^1] : words)
            : unit.Scale.ToString("N0", inv) + " " + words;
        var label = $"Cost per {per}";
        if (unit.Value is not { } value)
        {
            return new Fact(label, $"no {words} counted this week");
        }

        var text = Format(value, unit.Currency);
        if (unit.PreviousValue is { } before)
        {
            var delta = Delta.Between(new Money(value, unit.Currency), new Money(before, unit.Currency));
            text += $" ({_money.FormatDelta(delta)} vs {Format(before, unit.Currency)} the week before)";
        }

        return new Fact(label, text + string.Create(inv, $", {unit.Volume:N0} {words}"));
    }

    /// <summary>Two decimals from 1 up, four below: $0.0421 must not read as $0.04.</summary>
    private string Format(decimal value, string currency) =>
        Math.Abs(value) >= 1m
            ? _money.Format(new Money(Math.Round(value, 2, MidpointRounding.AwayFromZero), currency))
            : _money.Format(new Money(0m, currency)).Replace("0.00", Math.Round(value, 4, MidpointRounding.AwayFromZero).ToString("0.0000", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static CostTableRow Row(DigestLine line, string currency, decimal? total)
    {
        var current = new Money(line.Current, currency);
        return new CostTableRow(
            line.Name,
            current,
            Delta.Between(current, new Money(line.Previous, currency)),
            total is > 0 ? line.Current / total : null);
    }

    private ChartBlock Chart(WeeklyDigest digest, WeeklyDigestCurrency section)
    {
        var points = section.DailyTrend
            .Select(d => new ChartPoint(d.Date.ToString("ddd d", CultureInfo.InvariantCulture), d.Value))
            .ToList();
        var comparison = section.DailyTrend.Select(d => d.PreviousValue).ToList();
        var spec = new ChartSpec($"Daily spend, week of {Span(digest.Week)}", section.Currency, points, comparison, null, "Week before");
        var peak = section.DailyTrend.MaxBy(d => d.Value)!;
        var alt = string.Create(
            CultureInfo.InvariantCulture,
            $"Daily spend of {digest.TeamName}, week of {Span(digest.Week)}: total {_money.Format(new Money(section.Total, section.Currency))}, highest on {peak.Date:dddd d MMM} at {_money.Format(new Money(peak.Value, section.Currency))}; the week before totalled {_money.Format(new Money(section.PreviousTotal, section.Currency))}.");
        return new ChartBlock(spec, alt);
    }

    private static string Context(WeeklyDigest digest) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Effective cost (amortised) for team {digest.TeamKey}, {digest.Week.Start:ddd d MMM} to {digest.Week.End.AddDays(-1):ddd d MMM yyyy} (UTC), compared with {digest.PreviousWeek.Start:d MMM} to {digest.PreviousWeek.End.AddDays(-1):d MMM}. Currencies are never added together.");

    private static string Span(DateRange week) =>
        string.Create(CultureInfo.InvariantCulture, $"{week.Start:d MMM yyyy}");
}
