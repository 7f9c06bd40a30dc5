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
/// Runs the daily anomaly detection for a run date, sends each new incident that passes the alert thresholds to its team's
/// anomaly-alert subscribers and owners, and keeps every posted card of an alerted incident up to date in place.
/// </summary>
/// <remarks>
/// <para>The owning team is the incident's <c>team</c> scope; an account-level incident belongs to the team with the
/// largest absolute root-cause impact. Incidents of teams the directory does not know (<c>Unallocated</c>) are not sent.</para>
/// <para>Each incident to each recipient is claimed in <see cref="IIdempotencyStore"/> under
/// <c>anomaly:{incidentId}:{channel}:{address}</c> (scope <see cref="IdempotencyScope"/>), so it goes out once across
/// re-runs and restarts; the incident id is stable (series, start, direction), so an ongoing incident is not sent again
/// as it grows. A failed send is released and retried on the next run.</para>
/// <para>One open alert per series: the state of each alerted incident is kept in <see cref="IAnomalyAlertStore"/> with
/// every posted copy of its card. When a run sees the incident change (a new anomalous day, the cost back in the band, a
/// short gap bridged) the stored state moves to its next version, and every copy showing an older version is updated in
/// place ("Day N, $X so far", then "Resolved: ..."), once per change across re-runs and restarts; a failed update is
/// retried by the next run. An open alert is followed even when it started before the replayed window: the replay then
/// starts where the run that first reported it started, so the incident keeps its id.</para>
/// <para>Feedback silences alerts (<see cref="AnomalySuppression"/>): an incident like one marked "Expected" on the same
/// series, and every incident of a team's service muted within the last seven days, is not sent. An alert already sent
/// is still followed (updated in place, resolved), whatever feedback it got.</para>
/// </remarks>
public sealed partial class AnomalyAlertPublisher(
    ICostQueryService costs,
    IOptions<AnomalyOptions> detection,
    IOptions<AnomalyAlertOptions> alerts,
    DirectorySource directory,
    BudgetAlertRecipients recipients,
    IEnumerable<IProactiveSender> senders,
    IIdempotencyStore idempotency,
    IAnomalyAlertStore store,
    IAnomalyCardUpdater updater,
    TimeProvider time,
    ILogger<AnomalyAlertPublisher> logger,
    IAnomalyFeedbackStore? feedback = null)
{
    public const string IdempotencyScope = "anomaly.alert";

    private static readonly TimeSpan SendLease = TimeSpan.FromMinutes(10);

    /// <summary>How far back an open alert extends the replay, at most: bounds one run's work if an incident never ends.</summary>
    private const int MaxFollowDays = 366;

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

        return PublishAsync(AnomalyQueryService.RunDate(coverage, CostCalendar.Today(time)), cancellationToken);
    }

    /// <summary>Runs the detection for <paramref name="runDate"/> (judging the day before it) and sends what has not been sent; returns how many messages went out now.</summary>
    public async Task<int> PublishAsync(DateOnly runDate, CancellationToken cancellationToken)
    {
        var options = alerts.Value;
        // The same replay as chat answers and digests (AnomalyQueryService), reaching back further while a stored alert is still open.
        var query = new AnomalyQueryService(costs, detection.Value, time, options.ReplayDays);
        var fromRun = runDate.AddDays(1 - query.ReplayDays);
        foreach (var open in await store.ListAsync(AnomalyAlertStatus.Open, cancellationToken))
        {
            var firstRun = open.Incident.DetectedOn.AddDays(1 - options.ReplayDays);
            if (firstRun < fromRun && firstRun >= runDate.AddDays(-MaxFollowDays))
            {
                fromRun = firstRun;
            }
        }

        var anomalies = await query.ReplayAsync(fromRun, runDate, cancellationToken);
        await FollowAsync(anomalies, fromRun, runDate, cancellationToken);
        var suppression = feedback is null ? AnomalySuppression.None : new AnomalySuppression(await feedback.ListAsync(null, cancellationToken), time.GetUtcNow());
        var sent = await SendNewAsync(suppression.Filter(anomalies), runDate, options, cancellationToken);
        var updated = await updater.UpdateStaleAsync(cancellationToken);
        if (updated > 0)
        {
            LogUpdated(logger, updated, runDate);
        }

        return sent;
    }

    /// <summary>Moves each stored alert to the detector's latest view of its incident; an open alert the replay no longer reports is resolved.</summary>
    private async Task FollowAsync(IReadOnlyList<CostAnomaly> anomalies, DateOnly fromRun, DateOnly runDate, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var anomaly in anomalies)
        {
            seen.Add(anomaly.Id);
            if (await store.FindAsync(anomaly.Id, cancellationToken) is { } stored && stored.ChangedBy(anomaly)
                && await store.TryUpdateAsync(stored.Next(anomaly, now), stored.Version, cancellationToken))
            {
                LogStateChanged(logger, anomaly.Id, anomaly.IsOpen ? "open" : "resolved", stored.Version + 1);
            }
        }

        foreach (var open in await store.ListAsync(AnomalyAlertStatus.Open, cancellationToken))
        {
            // Reported by a run inside this replay but gone from it: the data changed (a restated import); do not leave it open forever.
            if (!seen.Contains(open.Id) && open.Incident.DetectedOn >= fromRun && open.Incident.DetectedOn <= runDate
                && await store.TryUpdateAsync(open.Next(open.Incident with { IsOpen = false }, now), open.Version, cancellationToken))
            {
                LogVanished(logger, open.Id);
            }
        }
    }

    private async Task<int> SendNewAsync(IReadOnlyList<CostAnomaly> anomalies, DateOnly runDate, AnomalyAlertOptions options, CancellationToken cancellationToken)
    {
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

            var alert = await store.FindAsync(anomaly.Id, cancellationToken);
            if (alert is null)
            {
                alert = AnomalyAlert.From(anomaly, team.Key, team.DisplayName, time.GetUtcNow());
                if (!await store.TryAddAsync(alert, cancellationToken))
                {
                    alert = await store.FindAsync(anomaly.Id, cancellationToken) ?? alert;
                }
            }

            var card = AnomalyCardUpdater.Compose(alert);
            foreach (var recipient in await recipients.ResolveAsync(team, byChannel.Keys, SubscriptionTopic.Anomalies, cancellationToken))
            {
                var key = IdempotencyKey(anomaly.Id, recipient.Channel, recipient.Address.Id);
                if (!await idempotency.TryClaimAsync(IdempotencyScope, key, SendLease, cancellationToken))
                {
                    continue;
                }

                try
                {
                    var message = await byChannel[recipient.Channel].SendAsync(recipient.Address, card, key, cancellationToken);
                    // Recorded before the key is completed: a crash in between re-sends under the same key (a no-op for the
                    // sender) and records the copy then, so no posted copy is left out of later updates.
                    await store.AddCopyAsync(
                        new AnomalyAlertCopy(
                            anomaly.Id, recipient.Channel, message.Conversation.Id, message.Conversation.Workspace ?? recipient.Address.Workspace, message.MessageId, alert.Version),
                        cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Anomaly alert {AnomalyId} is now {Status} (version {Version})")]
    private static partial void LogStateChanged(ILogger logger, string anomalyId, string status, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anomaly alert {AnomalyId} is no longer reported by the detector (the data changed); marked resolved")]
    private static partial void LogVanished(ILogger logger, string anomalyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} anomaly alert cards updated in place for run date {RunDate}")]
    private static partial void LogUpdated(ILogger logger, int count, DateOnly runDate);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Anomaly {AnomalyId} belongs to no team of the directory ({Team}); not sent")]
    private static partial void LogNoTeam(ILogger logger, string anomalyId, string team);

    [LoggerMessage(Level = LogLevel.Information, Message = "Anomaly alert {AnomalyId} sent to {Channel}")]
    private static partial void LogSent(ILogger logger, string anomalyId, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anomaly alert {AnomalyId} could not be sent to {Channel}; it will be retried on the next run")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string anomalyId, string channel);
}
