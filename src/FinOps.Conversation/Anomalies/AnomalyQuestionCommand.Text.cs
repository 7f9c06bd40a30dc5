using System.Globalization;
using FinOps.Conversation.Answers;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Rendering;
using FinOps.Core.Anomalies;
using FinOps.Core.Query;

namespace FinOps.Conversation.Anomalies;

/// <summary>The wording of the anomaly answers: incidents, days, money and root causes.</summary>
public sealed partial class AnomalyQuestionCommand
{
    private static readonly MoneyFormatter Formatter = MoneyFormatter.EnglishUnitedStates;

    private static string? Subject(IReadOnlyDictionary<Dimension, IReadOnlyList<string>> filters)
    {
        var parts = filters
            .Where(f => f.Key != Dimension.ChargeCategory)
            .SelectMany(f => f.Value.Select(v => f.Key == Dimension.Team ? AnswerFormat.DisplayName(v) : v))
            .ToList();
        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    private static string Line(CostAnomaly anomaly)
    {
        var line = $"**{Scope(anomaly)}**: {Days(anomaly)}, {(anomaly.IsOpen ? "open" : "resolved")}. {Explain(anomaly)}";
        if (anomaly.RootCauses.Count > 0)
        {
            var cause = anomaly.RootCauses[0];
            line += $" Top cause: {CauseLabel(cause, anomaly)} {Signed(cause.Impact, anomaly.Currency)}.";
        }

        return line;
    }

    private static string Explain(CostAnomaly anomaly) =>
        $"{Money(anomaly.Actual, anomaly.Currency)} against {Money(anomaly.Expected, anomaly.Currency)} expected: {Change(anomaly.Actual, anomaly.Expected, anomaly.Currency)}{(anomaly.IsOpen ? $", open since {Day(anomaly.Start)}" : string.Empty)}.";

    private static List<Fact> Facts(CostAnomaly anomaly) =>
    [
        new("Anomaly", Scope(anomaly)),
        new("Impact", Change(anomaly.Actual, anomaly.Expected, anomaly.Currency)),
        new("Actual", Money(anomaly.Actual, anomaly.Currency)),
        new("Expected", Money(anomaly.Expected, anomaly.Currency)),
        new("Days", Days(anomaly)),
        new("Status", anomaly.IsOpen ? $"open since {Day(anomaly.Start)}" : $"resolved, detected {Day(anomaly.DetectedOn)}"),
    ];

    internal static string Scope(CostAnomaly anomaly) =>
        string.Join(" / ", anomaly.Scope.Select(p => p.Key == "team" ? AnswerFormat.DisplayName(p.Value) : p.Key == "account" ? "account " + p.Value : p.Value));

    internal static string Days(CostAnomaly anomaly) =>
        anomaly.Days <= 1 ? Day(anomaly.Start) : $"{Day(anomaly.Start)} to {Day(anomaly.End.AddDays(-1))} ({anomaly.Days} days)";

    /// <summary>"bucket-logs, account prod, region us-east-1 (new since ...)": the resource first, without what the incident's scope already says.</summary>
    internal static string CauseLabel(AnomalyRootCause cause, CostAnomaly anomaly)
    {
        var parts = cause.Key.Where(p => !anomaly.Scope.Any(s => s.Key == p.Key)).OrderBy(p => p.Key == "resource" ? 0 : 1);
        var label = string.Join(", ", parts.Select(p => p.Key == "resource" ? p.Value : $"{p.Key} {p.Value}"));
        return cause.NewSince is { } since ? $"{label} (new since {Day(since)})" : label;
    }

    /// <summary>"+$9,000.00 (+300%)" from actual and expected.</summary>
    internal static string Change(decimal actual, decimal expected, string currency) =>
        Signed(actual - expected, currency) + (expected == 0 ? string.Empty : $" ({((actual - expected) / Math.Abs(expected) * 100m).ToString("+0;-0;0", CultureInfo.InvariantCulture)}%)");

    internal static string Money(decimal amount, string currency) => Formatter.Format(new Money(amount, currency));

    internal static string Signed(decimal amount, string currency) => (amount < 0 ? "-" : "+") + Money(Math.Abs(amount), currency);

    internal static string Day(DateOnly day) => day.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Span(DateRange days) =>
        days.Days <= 1 ? Day(days.Start) : $"{days.Start.ToString("d MMM", CultureInfo.InvariantCulture)} to {Day(days.End.AddDays(-1))}";

    private static string On(DateRange days) => days.Days <= 1 ? "on" : "from";

    private static string For(string? subject) => subject is null ? string.Empty : $" for {subject}";

    private static string Count(int count) => count == 1 ? "1 cost anomaly" : $"{count} cost anomalies";

    private static string Context(AnomalySnapshot snapshot) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"EffectiveCost of usage charges. Detector run of {snapshot.RunDate:yyyy-MM-dd}, each day judged the morning after it; the same incidents and thresholds as the anomaly alert cards.");

    private static Card Reply(string text) => new(CardKind, text, [new TextBlock(text)]);
}
