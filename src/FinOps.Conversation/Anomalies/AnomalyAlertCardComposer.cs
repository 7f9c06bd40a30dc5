using System.Globalization;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Rendering;
using FinOps.Core.Anomalies;

namespace FinOps.Conversation.Anomalies;

/// <summary>The cost anomaly alert card: impact in money and percent, actual against expected, period, metric and root causes.</summary>
/// <remarks>
/// Amounts are sums over the incident's days of EffectiveCost of usage charges, in the anomaly's currency. The percent is the
/// impact relative to the expected cost (none when nothing was expected). Root causes keep the detector's order (largest
/// absolute impact first, at most <see cref="AnomalyDetectionService.MaxRootCauses"/>); a resource that had no cost before
/// shows "new since" its first day with cost. The buttons ("Expected", "Investigating", "Not an issue", "Mute this service
/// for 7 days", <see cref="AnomalyFeedbackActions"/>) carry what feedback needs to be recorded without running the detector
/// again; the feedback already given is shown above them, and a button whose feedback was given is not shown again.
/// With an <see cref="AnomalyCardState"/> (what the alert job posts and updates in place) the card says where the incident
/// stands: "Day N, $X so far" while it goes on, "Resolved: back within the expected range since ..." once it ended.
/// The chart shows the daily actual cost as a line over the detector's expected band.
/// </remarks>
public static class AnomalyAlertCardComposer
{
    public const string CardKind = "anomaly.alert";

    private static readonly MoneyFormatter Formatter = MoneyFormatter.EnglishUnitedStates;

    /// <summary>
    /// Composes the card of <paramref name="anomaly"/> for the team named <paramref name="teamName"/>, in <paramref name="state"/>
    /// when given, with the <paramref name="feedback"/> given on it so far.
    /// </summary>
    public static Card Compose(CostAnomaly anomaly, string teamName, AnomalyCardState? state = null, IReadOnlyList<AnomalyFeedback>? feedback = null)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        ArgumentException.ThrowIfNullOrWhiteSpace(teamName);
        var currency = anomaly.Currency;
        var scope = ScopeName(anomaly.Scope);
        var impact = Money(Math.Abs(anomaly.Impact), currency);
        var percent = Percent(anomaly);
        var verb = anomaly.Direction == AnomalyDirection.Up ? "above" : "below";
        var resolved = state is { Status: AnomalyAlertStatus.Resolved };
        var title = resolved
            ? $"Resolved cost anomaly: {scope} was {impact}{(percent is null ? string.Empty : $" ({percent})")} {verb} expected"
            : $"Cost anomaly: {scope} is {impact}{(percent is null ? string.Empty : $" ({percent})")} {verb} expected";
        var status = state is null ? null : StatusLine(anomaly, state);
        var period = Period(anomaly);
        var facts = new List<Fact>
        {
            new("Team", teamName),
            new("Impact", Signed(anomaly.Impact, currency) + (percent is null ? string.Empty : $" ({percent})")),
            new("Actual", Money(anomaly.Actual, currency)),
            new("Expected", Money(anomaly.Expected, currency)),
            new("Period", period),
            new("Metric", $"{CostAnomaly.Metric} of usage charges, {currency}"),
        };
        var blocks = new List<CardBlock> { new TitleBlock(title) };
        if (status is not null)
        {
            blocks.Add(new TextBlock(status));
        }

        blocks.AddRange(
        [
            new KeyNumberBlock(
                $"Actual, {period}",
                new Money(anomaly.Actual, currency),
                Delta.Between(new Money(anomaly.Actual, currency), new Money(anomaly.Expected, currency)),
                "vs expected"),
            new FactsBlock(facts),
        ]);
        if (Chart(anomaly, scope) is { } chart)
        {
            blocks.Add(chart);
        }

        if (anomaly.RootCauses.Count > 0)
        {
            blocks.Add(new CostTableBlock(
                "Root causes (change vs the same weekdays before)",
                [.. anomaly.RootCauses.Take(AnomalyDetectionService.MaxRootCauses).Select(c => new CostTableRow(CauseLabel(c), new Money(c.Impact, currency)))]));
        }

        blocks.Add(new ContextBlock(string.Create(
            CultureInfo.InvariantCulture,
            $"Anomaly {anomaly.Id}, {anomaly.Scope.Count switch { 0 => "all costs", _ => string.Join(", ", anomaly.Scope.Select(p => $"{p.Key} {p.Value}")) }}; detected on {anomaly.DetectedOn:yyyy-MM-dd}, {(anomaly.IsOpen ? "still open" : "resolved")}.")));
        var feedbackLines = AnomalyFeedbackActions.StateLines(feedback ?? []);
        if (feedbackLines.Count > 0)
        {
            blocks.Add(new TextBlock(string.Join("\n", feedbackLines.Select(l => "**" + l + "**"))));
        }

        if (AnomalyFeedbackActions.Buttons(anomaly, feedback ?? []) is { Count: > 0 } buttons)
        {
            blocks.Add(new ActionsBlock(buttons));
        }

        var fallback = $"{title}.{(status is null ? string.Empty : $" {status.Replace("**", string.Empty, StringComparison.Ordinal)}")} {string.Join("; ", facts.Select(f => $"{f.Label}: {f.Value}"))}.{(feedbackLines.Count == 0 ? string.Empty : " " + string.Join(". ", feedbackLines) + ".")}";
        return new Card(CardKind, fallback, blocks);
    }

    /// <summary>"2026-11-20" for one day, "2026-11-18 to 2026-11-20" (inclusive) for several.</summary>
    public static string Period(CostAnomaly anomaly)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        var last = anomaly.End.AddDays(-1);
        return last <= anomaly.Start
            ? anomaly.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{anomaly.Start:yyyy-MM-dd} to {last:yyyy-MM-dd} ({anomaly.Days} days)");
    }

    /// <summary>"**Day 3**, +$1,240.00 so far (actual $2,400.00 vs expected $1,160.00)" or "**Resolved:** back within ...".</summary>
    public static string StatusLine(CostAnomaly anomaly, AnomalyCardState state)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        ArgumentNullException.ThrowIfNull(state);
        var currency = anomaly.Currency;
        var amounts = $"actual {Money(anomaly.Actual, currency)} vs expected {Money(anomaly.Expected, currency)}";
        return state.Status == AnomalyAlertStatus.Resolved
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"**Resolved:** back within the expected range since {state.ResolvedOn ?? anomaly.End:yyyy-MM-dd}, total impact {Signed(anomaly.Impact, currency)} ({amounts}).")
            : string.Create(CultureInfo.InvariantCulture, $"**Day {state.Day}**, {Signed(anomaly.Impact, currency)} so far ({amounts}).");
    }

    /// <summary>The daily actual cost as a line over the expected band, on the days the detector judged; null without them.</summary>
    private static ChartBlock? Chart(CostAnomaly anomaly, string scope)
    {
        var days = anomaly.Chart.Where(d => d is { Expected: not null, Lower: not null, Upper: not null }).ToList();
        if (days.Count < 2)
        {
            return null;
        }

        var currency = anomaly.Currency;
        var spec = new ChartSpec(
            $"{scope}: daily cost vs expected range",
            currency,
            [.. days.Select(d => new ChartPoint(d.Day.ToString("MMM d", CultureInfo.InvariantCulture), d.Actual))],
            [.. days.Select(d => d.Expected!.Value)],
            ComparisonLabel: "Expected",
            Band: new ChartBand([.. days.Select(d => d.Lower!.Value)], [.. days.Select(d => d.Upper!.Value)], "Expected range"),
            Style: ChartStyle.Line,
            ValuesLabel: "Actual");
        var outside = days.Count(d => d.Actual > d.Upper!.Value || d.Actual < d.Lower!.Value);
        var alt = string.Create(
            CultureInfo.InvariantCulture,
            $"Daily {CostAnomaly.Metric} of {scope} from {days[0].Day:yyyy-MM-dd} to {days[^1].Day:yyyy-MM-dd} against the expected range; {outside} of {days.Count} days outside it.");
        return new ChartBlock(spec, alt);
    }

    private static string? Percent(CostAnomaly anomaly) =>
        anomaly.Expected == 0
            ? null
            : (anomaly.Impact / Math.Abs(anomaly.Expected) * 100m).ToString("+0;-0;0", CultureInfo.InvariantCulture) + "%";

    private static string ScopeName(IReadOnlyList<KeyValuePair<string, string>> scope) =>
        scope.Count == 0 ? "Total cost" : string.Join(" / ", scope.Select(p => p.Value));

    private static string CauseLabel(AnomalyRootCause cause)
    {
        var label = string.Join(", ", cause.Key.Select(p => p.Key == "resource" ? p.Value : $"{p.Key} {p.Value}"));
        return cause.NewSince is { } since ? string.Create(CultureInfo.InvariantCulture, $"{label} (new since {since:yyyy-MM-dd})") : label;
    }

    private static string Money(decimal amount, string currency) => Formatter.Format(new Money(amount, currency));

    private static string Signed(decimal amount, string currency) => (amount < 0 ? "-" : "+") + Money(Math.Abs(amount), currency);
}
