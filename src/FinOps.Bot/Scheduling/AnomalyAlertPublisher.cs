using System.Globalization;
using FinOps.Conversation.Anomalies;
using FinOps.Conversation.Messaging;
using FinOps.Core.Anomalies;
using FinOps.Core.Calendar;
using FinOps.Core.People;
using FinOps.Core.Query;
using FinOps.Core.Reliability;
using FinOps.Core.Subscriptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Scheduling;

/// <summary>
/// Runs the daily anomaly detection for a run date and sends each new incident that passes the alert thresholds to its team's
/// anomaly-alert subscribers and owners.
/// </summary>
/// <remarks>
/// <para>The owning team is the incident's <c>team</c> scope; an account-level incident belongs to the team with the
/// largest absolute root-cause impact. Incidents of teams the directory does not know (<c>Unallocated</c>) are not sent.</para>
/// <para>Each incident to each recipient is claimed in <see cref="IIdempotencyStore"/> under
/// <c>anomaly:{incidentId}:{channel}:{address}</c> (scope <see cref="IdempotencyScope"/>), so it goes out once across
/// re-runs and restarts; the incident id is stable (series, start, direction), so an ongoing incident is not sent again
/// as it grows. A failed send is released and retried on the next run.</para>
/// <para>Feedback silences alerts (<see cref="AnomalySuppression"/>): an incident like one marked "Expected" on the same
/// series, and every incident of a team's service muted within the last seven days, is not sent.</para>
/// </remarks>
public sealed partial class AnomalyAlertPublisher(
    ICostQueryService costs,
    IOptions<AnomalyOptions> detection,
    IOptions<AnomalyAlertOptions> alerts,
    DirectorySource directory,
    BudgetAlertRecipients recipients,
    IEnumerable<IProactiveSender> senders,
    IIdempotencyStore idempotency,
    TimeProvider time,
    ILogger<AnomalyAlertPublisher> logger,
    IAnomalyFeedbackStore? feedback = null)
{
    public const string IdempotencyScope = "anomaly.alert";

    private static readonly TimeSpan SendLease = TimeSpan.FromMinutes(10);

    public static string IdempotencyKey(string anomalyId, string channel, string address) =>
        string.Create(CultureInfo.InvariantCulture, $"anomaly:{anomalyId}:{channel}:{address}");

    /// <summary>
    /// Runs for today (UTC), but never past the data: the run date is at most the day after the last day with cost, so a day
    /// not yet imported is never judged as a drop. Nothing runs on an empty store.
    /// </summary>
    public Task<int> PublishAsync(DataCoverage? coverage, CancellationToken cancellationToken)
    {
        if (coverage is null)
        {
            return Task.FromResult(0);
        }

        var today = CostCalendar.Today(time);
        return PublishAsync(coverage.Dates.End < today ? coverage.Dates.End : today, cancellationToken);
    }

    /// <summary>Runs the detection for <paramref name="runDate"/> (judging the day before it) and sends what has not been sent; returns how many messages went out now.</summary>
    public async Task<int> PublishAsync(DateOnly runDate, CancellationToken cancellationToken)
    {
        var options = alerts.Value;
        var detector = new AnomalyDetectionService(costs, detection.Value);
        var suppression = feedback is null ? null : new AnomalySuppression(await feedback.ListAsync(null, cancellationToken), time.GetUtcNow());
        var anomalies = await detector.ReplayAsync(runDate.AddDays(1 - options.ReplayDays), runDate.AddDays(1), all: false, suppression, cancellationToken);
        var firstNew = runDate.AddDays(1 - options.CatchUpDays);
        var byChannel = senders.GroupBy(s => s.Channel, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var people = directory.Current;
        var sent = 0;
        foreach (var anomaly in anomalies.Where(a => a.DetectedOn >= firstNew && a.DetectedOn <= runDate))
        {
            var teamKey = OwningTeam(anomaly);
            var team = teamKey is null ? null : people.FindTeam(teamKey);
            if (team is null)
            {
                LogNoTeam(logger, anomaly.Id, teamKey ?? "(none)");
                continue;
            }

            foreach (var recipient in await recipients.ResolveAsync(team, byChannel.Keys, SubscriptionTopic.Anomalies, cancellationToken))
            {
                var key = IdempotencyKey(anomaly.Id, recipient.Channel, recipient.Address.Id);
                if (!await idempotency.TryClaimAsync(IdempotencyScope, key, SendLease, cancellationToken))
                {
                    continue;
                }

                try
                {
                    var card = AnomalyAlertCardComposer.Compose(anomaly, team.DisplayName);
                    var message = await byChannel[recipient.Channel].SendAsync(recipient.Address, card, key, cancellationToken);
                    await idempotency.CompleteAsync(IdempotencyScope, key, message.MessageId, cancellationToken);
                    sent++;
                    LogSent(logger, anomaly.Id, recipient.Channel);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Released so that the next run (after the next import, or the daily one) tries this recipient again.
                    await idempotency.ReleaseAsync(IdempotencyScope, key, CancellationToken.None);
                    LogSendFailed(logger, ex, anomaly.Id, recipient.Channel);
                }
            }
        }

        return sent;
    }

    /// <summary>The incident's team, or for an account incident the team whose resources moved most.</summary>
    public static string? OwningTeam(CostAnomaly anomaly) => AnomalyOwnership.OwningTeam(anomaly);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Anomaly {AnomalyId} belongs to no team of the directory ({Team}); not sent")]
    private static partial void LogNoTeam(ILogger logger, string anomalyId, string team);

    [LoggerMessage(Level = LogLevel.Information, Message = "Anomaly alert {AnomalyId} sent to {Channel}")]
    private static partial void LogSent(ILogger logger, string anomalyId, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anomaly alert {AnomalyId} could not be sent to {Channel}; it will be retried on the next run")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string anomalyId, string channel);
}
