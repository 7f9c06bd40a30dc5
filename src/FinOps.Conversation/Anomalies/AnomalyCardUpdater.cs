using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Anomalies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FinOps.Conversation.Anomalies;

/// <summary>Updates posted anomaly alert cards in place through each channel's <see cref="IProactiveSender.UpdateAsync"/>.</summary>
/// <remarks>
/// Senders are resolved per call (the Slack sender is scoped). A copy is marked as showing the alert version its card was
/// composed from only after the channel accepted the update, so a failed update stays stale and the next run retries it;
/// updating in place is idempotent, so a crash between the update and the mark costs one repeated update, never a new post.
/// </remarks>
public sealed partial class AnomalyCardUpdater(
    IServiceScopeFactory scopes, IAnomalyAlertStore store, ILogger<AnomalyCardUpdater> logger, IAnomalyFeedbackStore? feedback = null) : IAnomalyCardUpdater
{
    /// <summary>The card of <paramref name="alert"/> as it stands now, with the <paramref name="given"/> feedback on it.</summary>
    public static Card Compose(AnomalyAlert alert, IReadOnlyList<AnomalyFeedback>? given = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return AnomalyAlertCardComposer.Compose(alert.Incident, alert.TeamName, AnomalyCardState.Of(alert), given);
    }

    public Task<int> RefreshAsync(string incidentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(incidentId);
        return UpdateAsync(incidentId, onlyStale: false, cancellationToken);
    }

    public async Task<int> UpdateStaleAsync(CancellationToken cancellationToken)
    {
        var updated = 0;
        foreach (var id in await store.StaleAsync(cancellationToken))
        {
            updated += await UpdateAsync(id, onlyStale: true, cancellationToken);
        }

        return updated;
    }

    private async Task<int> UpdateAsync(string incidentId, bool onlyStale, CancellationToken cancellationToken)
    {
        var alert = await store.FindAsync(incidentId, cancellationToken);
        if (alert is null)
        {
            return 0;
        }

        var copies = (await store.CopiesAsync(incidentId, cancellationToken)).Where(c => !onlyStale || c.ShownVersion < alert.Version).ToList();
        if (copies.Count == 0)
        {
            return 0;
        }

        // The feedback given so far stays on every copy (who is investigating, what was marked), with the buttons still unused.
        var card = Compose(alert, feedback is null ? null : await feedback.ListAsync(incidentId, cancellationToken));
        await using var scope = scopes.CreateAsyncScope();
        var senders = scope.ServiceProvider.GetServices<IProactiveSender>()
            .GroupBy(s => s.Channel, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var updated = 0;
        foreach (var copy in copies)
        {
            if (!senders.TryGetValue(copy.Channel, out var sender))
            {
                LogNoSender(logger, incidentId, copy.Channel);
                continue;
            }

            try
            {
                await sender.UpdateAsync(
                    new SentMessage(new ConversationAddress(copy.Channel, copy.ConversationId, copy.Workspace), copy.MessageId), card, cancellationToken);
                await store.MarkShownAsync(incidentId, copy.Channel, copy.MessageId, alert.Version, cancellationToken);
                updated++;
                LogUpdated(logger, incidentId, copy.Channel, copy.MessageId, alert.Version);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogUpdateFailed(logger, ex, incidentId, copy.Channel, copy.MessageId);
            }
        }

        return updated;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Anomaly alert {AnomalyId} card {MessageId} in {Channel} updated to version {Version}")]
    private static partial void LogUpdated(ILogger logger, string anomalyId, string channel, string messageId, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anomaly alert {AnomalyId} card {MessageId} in {Channel} could not be updated; it will be retried on the next run")]
    private static partial void LogUpdateFailed(ILogger logger, Exception exception, string anomalyId, string channel, string messageId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Anomaly alert {AnomalyId} has a card in {Channel}, which has no sender in this host")]
    private static partial void LogNoSender(ILogger logger, string anomalyId, string channel);
}
