using System.Globalization;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Anomalies;
using FinOps.Core.People;
using Microsoft.Extensions.Logging;

namespace FinOps.Conversation.Anomalies;

/// <summary>The feedback buttons of the anomaly alert card (<see cref="AnomalyFeedbackActions"/>): records who said what, and when.</summary>
/// <remarks>
/// <para>Who may click: the people who may see the owning team's cost, as the directory says (its owners, members and
/// approvers, finance and admins). Anyone else gets a <see cref="PrivateKind"/> notice (only they see it) and nothing
/// is recorded.</para>
/// <para>The returned card replaces the clicked one: the alert with its current numbers (when the detector still reports
/// the incident) and the feedback given so far, without the buttons already used. A second click of the same button, by
/// anyone, records nothing and returns the same card.</para>
/// </remarks>
public sealed partial class AnomalyFeedbackActionHandler(
    IAnomalyFeedbackStore store,
    PersonResolver people,
    TimeProvider time,
    ILogger<AnomalyFeedbackActionHandler> logger,
    IAnomalyIncidentLookup? incidents = null,
    IAnomalyAlertStore? alerts = null,
    IAnomalyCardUpdater? updater = null) : ICardActionHandler
{
    public const string PrivateKind = "anomaly-private";

    public string ActionPrefix => AnomalyFeedbackActions.Prefix;

    public async Task<Card> HandleAsync(CardActionInvoked action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (AnomalyFeedbackActions.KindOf(action.ActionId) is not { } kind)
        {
            return ConversationService.ErrorCard($"That button ({action.ActionId}) is not something I can handle any more.");
        }

        var p = action.Payload;
        if (Value(p, AnomalyFeedbackActions.IdKey) is not { } id || Value(p, AnomalyFeedbackActions.TeamKey) is not { } team
            || Value(p, AnomalyFeedbackActions.ScopeKey) is not { } scope || Value(p, AnomalyFeedbackActions.CurrencyKey) is not { } currency
            || !DateOnly.TryParseExact(Value(p, AnomalyFeedbackActions.StartKey), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !decimal.TryParse(Value(p, AnomalyFeedbackActions.DailyImpactKey), NumberStyles.Number, CultureInfo.InvariantCulture, out var daily))
        {
            return ConversationService.ErrorCard("That button does not say which anomaly it is about (id, team, scope, currency, start or impact missing); nothing was recorded.");
        }

        var person = await people.ResolveAsync(
            new ChannelIdentity(action.User.Channel, action.User.Id, action.User.Email, action.User.AadObjectId, action.Conversation.Id, action.Conversation.Workspace),
            cancellationToken);
        var directory = people.Directory;
        if (CannotGiveFeedback(directory, team, person) is { } refused)
        {
            LogRefused(logger, id, action.User.Channel);
            return Notice(refused);
        }

        var service = Value(p, AnomalyFeedbackActions.ServiceKey);
        if (kind == AnomalyFeedbackKind.Mute && service is null)
        {
            return Notice("This anomaly is not about one service, so there is nothing to mute; nothing was recorded.");
        }

        var now = time.GetUtcNow();
        var feedback = new AnomalyFeedback(
            0, id, kind, team, service, scope, currency,
            Value(p, AnomalyFeedbackActions.DirectionKey) == "down" ? AnomalyDirection.Down : AnomalyDirection.Up,
            start, daily, person!.Key, person.Label, now, action.User.Channel,
            kind == AnomalyFeedbackKind.Mute ? now + AnomalyFeedback.MuteDuration : null);
        var (added, _) = await store.TryAppendAsync(feedback, cancellationToken);
        if (added)
        {
            LogRecorded(logger, kind, id, action.User.Channel);
        }

        var given = await store.ListAsync(id, cancellationToken);
        var teamName = directory.FindTeam(team)?.DisplayName ?? team;
        if (alerts is not null && await alerts.FindAsync(id, cancellationToken) is { } alert)
        {
            if (added && updater is not null)
            {
                await RefreshCopiesAsync(updater, id, cancellationToken);
            }

            // The alert as posted and followed (day N so far, or resolved), with the feedback given so far.
            return AnomalyCardUpdater.Compose(alert, given);
        }

        var anomaly = incidents is null ? null : await incidents.FindAsync(id, start, cancellationToken);
        return anomaly is not null
            ? AnomalyAlertCardComposer.Compose(anomaly, teamName, feedback: given)
            : Compact(p, id, scope, start, teamName, given);
    }

    /// <summary>Every other posted copy of the alert shows the feedback too; a failed update is logged, the feedback stands.</summary>
    private async Task RefreshCopiesAsync(IAnomalyCardUpdater cards, string id, CancellationToken cancellationToken)
    {
        try
        {
            await cards.RefreshAsync(id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRefreshFailed(logger, ex, id);
        }
    }

    /// <summary>Why <paramref name="person"/> may not give feedback on <paramref name="team"/>'s anomalies, or null when they may.</summary>
    public static string? CannotGiveFeedback(CompanyDirectory directory, string team, Person? person)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (person is null)
        {
            return "I can't find you in the company directory (allocation.yaml), so I can't take your feedback on this anomaly; nothing was recorded. Ask an admin to list your e-mail under your team.";
        }

        if (directory.HasRole(person, CompanyRole.Finance) || directory.HasRole(person, CompanyRole.Admin)
            || directory.TeamsOf(person).Contains(team, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        return $"Only the people of {team} (its owners, members and approvers), finance and admins can give feedback on its anomalies; nothing was recorded.";
    }

    private static Card Notice(string text) => new(PrivateKind, text, [new TextBlock(text)]);

    /// <summary>The alert without its numbers (the detector no longer reports the incident): what it was about and the feedback.</summary>
    private static Card Compact(IReadOnlyDictionary<string, string> payload, string id, string scope, DateOnly start, string teamName, IReadOnlyList<AnomalyFeedback> given)
    {
        var title = $"Cost anomaly: {string.Join(" / ", scope.Split(", ").Select(part => part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]))} ({teamName})";
        var state = AnomalyFeedbackActions.StateLines(given);
        var blocks = new List<CardBlock> { new TitleBlock(title) };
        if (state.Count > 0)
        {
            blocks.Add(new TextBlock(string.Join("\n", state.Select(l => "**" + l + "**"))));
        }

        blocks.Add(new ContextBlock(string.Create(CultureInfo.InvariantCulture, $"Anomaly {id}, {scope.Replace('=', ' ')}; started {start:yyyy-MM-dd}.")));
        if (AnomalyFeedbackActions.Buttons(payload, given) is { Count: > 0 } buttons)
        {
            blocks.Add(new ActionsBlock(buttons));
        }

        return new Card(AnomalyAlertCardComposer.CardKind, $"{title}. {string.Join(". ", state)}.", blocks);
    }

    private static string? Value(IReadOnlyDictionary<string, string> payload, string key) =>
        payload.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anomaly alert {AnomalyId}: the other copies of its card could not be updated with the feedback")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string anomalyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Anomaly feedback {Kind} recorded for {AnomalyId} from {Channel}")]
    private static partial void LogRecorded(ILogger logger, AnomalyFeedbackKind kind, string anomalyId, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Anomaly feedback on {AnomalyId} from {Channel} refused: not a person of the owning team")]
    private static partial void LogRefused(ILogger logger, string anomalyId, string channel);
}
