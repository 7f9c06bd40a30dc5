using System.Globalization;
using FinOps.Conversation.Cards;
using FinOps.Core.Anomalies;

namespace FinOps.Conversation.Anomalies;

/// <summary>The feedback buttons of the anomaly alert card: action ids, the payload they carry and the state lines the card shows.</summary>
/// <remarks>
/// The payload describes the incident (id, owning team, service, series, currency, direction, start, impact per day), so
/// a click can be recorded, checked against the team and used by <see cref="AnomalySuppression"/> without running the
/// detector again. It stays well under Slack's 2,000 characters of button value.
/// </remarks>
public static class AnomalyFeedbackActions
{
    public const string Prefix = "anomaly.";
    public const string Expected = "anomaly.expected";
    public const string Investigating = "anomaly.investigating";
    public const string NotAnIssue = "anomaly.not-an-issue";
    public const string Mute = "anomaly.mute";

    public const string IdKey = "id";
    public const string TeamKey = "team";
    public const string ServiceKey = "service";
    public const string ScopeKey = "scope";
    public const string CurrencyKey = "currency";
    public const string DirectionKey = "direction";
    public const string StartKey = "start";
    public const string DailyImpactKey = "daily";

    /// <summary>The action id of a kind of feedback.</summary>
    public static string ActionId(AnomalyFeedbackKind kind) => kind switch
    {
        AnomalyFeedbackKind.Expected => Expected,
        AnomalyFeedbackKind.Investigating => Investigating,
        AnomalyFeedbackKind.NotAnIssue => NotAnIssue,
        AnomalyFeedbackKind.Mute => Mute,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind of feedback of an action id, or null.</summary>
    public static AnomalyFeedbackKind? KindOf(string actionId) => actionId switch
    {
        Expected => AnomalyFeedbackKind.Expected,
        Investigating => AnomalyFeedbackKind.Investigating,
        NotAnIssue => AnomalyFeedbackKind.NotAnIssue,
        Mute => AnomalyFeedbackKind.Mute,
        _ => null,
    };

    /// <summary>What every button of the card carries.</summary>
    public static IReadOnlyDictionary<string, string> Payload(CostAnomaly anomaly)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        var payload = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [IdKey] = anomaly.Id,
            [ScopeKey] = AnomalyOwnership.ScopeText(anomaly.Scope),
            [CurrencyKey] = anomaly.Currency,
            [DirectionKey] = anomaly.Direction == AnomalyDirection.Up ? "up" : "down",
            [StartKey] = anomaly.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [DailyImpactKey] = AnomalyOwnership.DailyImpact(anomaly).ToString(CultureInfo.InvariantCulture),
        };
        if (AnomalyOwnership.OwningTeam(anomaly) is { } team)
        {
            payload[TeamKey] = team;
        }

        if (AnomalyOwnership.Service(anomaly) is { } service)
        {
            payload[ServiceKey] = service;
        }

        return payload;
    }

    /// <summary>The buttons for the feedback not given yet ("Mute" only when the incident has a service).</summary>
    public static IReadOnlyList<CardAction> Buttons(CostAnomaly anomaly, IReadOnlyList<AnomalyFeedback> feedback) =>
        Buttons(Payload(anomaly), feedback);

    /// <summary>The buttons for the feedback not given yet, carrying <paramref name="payload"/> (as <see cref="Payload(CostAnomaly)"/> made it).</summary>
    public static IReadOnlyList<CardAction> Buttons(IReadOnlyDictionary<string, string> payload, IReadOnlyList<AnomalyFeedback> feedback)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(feedback);
        if (!payload.ContainsKey(TeamKey))
        {
            return [];
        }

        var given = feedback.Select(f => f.Kind).ToHashSet();
        var buttons = new List<CardAction>();
        void Add(AnomalyFeedbackKind kind, string title, ActionStyle style = ActionStyle.Default)
        {
            if (!given.Contains(kind))
            {
                buttons.Add(new CardAction(ActionId(kind), title, payload, style));
            }
        }

        Add(AnomalyFeedbackKind.Expected, "Expected");
        Add(AnomalyFeedbackKind.Investigating, "Investigating", ActionStyle.Primary);
        Add(AnomalyFeedbackKind.NotAnIssue, "Not an issue");
        if (payload.ContainsKey(ServiceKey))
        {
            Add(AnomalyFeedbackKind.Mute, "Mute this service for 7 days", ActionStyle.Danger);
        }

        return buttons;
    }

    /// <summary>One line per feedback entry, in order: "Investigating: Priya Raman (since 2026-03-04 09:30 UTC)", "Marked expected by ...".</summary>
    public static IReadOnlyList<string> StateLines(IReadOnlyList<AnomalyFeedback> feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var inv = CultureInfo.InvariantCulture;
        return [.. feedback.OrderBy(f => f.Sequence).Select(f => f.Kind switch
        {
            AnomalyFeedbackKind.Investigating => string.Create(inv, $"Investigating: {f.ActorName} (since {f.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC)"),
            AnomalyFeedbackKind.Expected => $"Marked expected by {f.ActorName}",
            AnomalyFeedbackKind.NotAnIssue => $"Not an issue ({f.ActorName})",
            AnomalyFeedbackKind.Mute => string.Create(inv, $"Muted {f.Service} for {f.Team} until {f.MutedUntil?.UtcDateTime:yyyy-MM-dd} by {f.ActorName}"),
            _ => f.Kind.ToString(),
        })];
    }
}
