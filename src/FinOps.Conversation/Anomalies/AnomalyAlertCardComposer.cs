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
/// </remarks>
public static class AnomalyAlertCardComposer
{
    public const string CardKind = "anomaly.alert";

    private static readonly MoneyFormatter Formatter = MoneyFormatter.EnglishUnitedStates;

    /// <summary>Composes the card of <paramref name="anomaly"/> for the team named <paramref name="teamName"/>, with the <paramref name="feedback"/> given on it so far.</summary>
    public static Card Compose(CostAnomaly anomaly, string teamName, IReadOnlyList<AnomalyFeedback>? feedback = null)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        ArgumentException.ThrowIfNullOrWhiteSpace(teamName);
        var currency = anomaly.Currency;
        var scope = ScopeName(anomaly.Scope);
        var impact = Money(Math.Abs(anomaly.Impact), currency);
        var percent = Percent(anomaly);
        var verb = anomaly.Direction == AnomalyDirection.Up ? "above" : "below";
        var title = $"Cost anomaly: {scope} is {impact}{(percent is null ? string.Empty : $" ({percent})")} {verb} expected";
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
        var blocks = new List<CardBlock>
        {
            new TitleBlock(title),
            new KeyNumberBlock(
                $"Actual, {period}",
                new Money(anomaly.Actual, currency),
                Delta.Between(new Money(anomaly.Actual, currency), new Money(anomaly.Expected, currency)),
                "vs expected"),
            new FactsBlock(facts),
        };
        if (anomaly.RootCauses.Count > 0)
        {
            blocks.Add(new CostTableBlock(
                "Root causes (change vs the same weekdays before)",
                [.. anomaly.RootCauses.Take(AnomalyDetectionService.MaxRootCauses).Select(c => new CostTableRow(CauseLabel(c), new Money(c.Impact, currency)))]));
        }

        blocks.Add(new ContextBlock(string.Create(
            CultureInfo.InvariantCulture,
            $"Anomaly {anomaly.Id}, {anomaly.Scope.Count switch { 0 => "all costs", _ => string.Join(", ", anomaly.Scope.Select(p => $"{p.Key} {p.Value}")) }}; detected on {anomaly.DetectedOn:yyyy-MM-dd}, {(anomaly.IsOpen ? "still open" : "resolved")}.")));
        var state = AnomalyFeedbackActions.StateLines(feedback ?? []);
        if (state.Count > 0)
        {
            blocks.Add(new TextBlock(string.Join("\n", state.Select(l => "**" + l + "**"))));
        }

        if (AnomalyFeedbackActions.Buttons(anomaly, feedback ?? []) is { Count: > 0 } buttons)
        {
            blocks.Add(new ActionsBlock(buttons));
        }

        var fallback = $"{title}. {string.Join("; ", facts.Select(f => $"{f.Label}: {f.Value}"))}.{(state.Count == 0 ? string.Empty : " " + string.Join(". ", state) + ".")}";
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
