using System.Globalization;
using FinOps.Conversation.Freshness;
using FinOps.Conversation.Messaging;
using FinOps.Core.Freshness;
using FinOps.Core.People;
using FinOps.Core.Reliability;

namespace FinOps.Bot.Scheduling;

/// <summary>Tells the admins, once per staleness episode, that an ingestion source has delivered nothing new for longer than its expected cadence.</summary>
/// <remarks>
/// An episode is identified by the moment the source last delivered new data: each alert to each admin is claimed in
/// <see cref="IIdempotencyStore"/> under <c>ingestion-stale:{source}:{lastNewDataAt}:{channel}:{address}</c> (scope
/// <see cref="IdempotencyScope"/>), so later runs and restarts send nothing more; when the export delivers again and then
/// stops again, the key is new and one more alert goes out. Admins are the directory's <c>admin</c> role, reached personally
/// as budget alerts reach owners (<see cref="BudgetAlertRecipients.ResolvePeopleAsync"/>). A failed send is released and
/// retried on the next run.
/// </remarks>
public sealed partial class StaleExportAlertPublisher(
    IDataFreshness freshness,
    DirectorySource directory,
    BudgetAlertRecipients recipients,
    IEnumerable<IProactiveSender> senders,
    IIdempotencyStore idempotency,
    ILogger<StaleExportAlertPublisher> logger)
{
    public const string IdempotencyScope = "ingestion.stale";

    private static readonly TimeSpan SendLease = TimeSpan.FromMinutes(10);

    public static string IdempotencyKey(string source, DateTimeOffset? lastNewDataAt, string channel, string address) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"ingestion-stale:{source}:{(lastNewDataAt is { } at ? at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture) : "never")}:{channel}:{address}");

    /// <summary>Alerts the admins about every stale source not yet alerted in its current episode; returns how many messages went out now.</summary>
    public async Task<int> PublishAsync(CancellationToken cancellationToken)
    {
        var stale = (await freshness.GetAsync(cancellationToken)).Where(s => s.IsStale).ToList();
        if (stale.Count == 0)
        {
            return 0;
        }

        var people = directory.Current;
        var admins = people.People.Where(p => people.HasRole(p, CompanyRole.Admin)).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        if (admins.Count == 0)
        {
            LogNoAdmins(logger, stale.Count);
            return 0;
        }

        var byChannel = senders.GroupBy(s => s.Channel, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var targets = await recipients.ResolvePeopleAsync(admins, byChannel.Keys, cancellationToken);
        var sent = 0;
        foreach (var source in stale)
        {
            var card = StaleExportCardComposer.Compose(source);
            foreach (var recipient in targets)
            {
                var key = IdempotencyKey(source.Source, source.LastNewDataAt, recipient.Channel, recipient.Address.Id);
                if (!await idempotency.TryClaimAsync(IdempotencyScope, key, SendLease, cancellationToken))
                {
                    continue;
                }

                try
                {
                    var message = await byChannel[recipient.Channel].SendAsync(recipient.Address, card, key, cancellationToken);
                    await idempotency.CompleteAsync(IdempotencyScope, key, message.MessageId, cancellationToken);
                    sent++;
                    LogSent(logger, source.Source, recipient.Channel);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Released so that the next sync of any source tries this admin again.
                    await idempotency.ReleaseAsync(IdempotencyScope, key, CancellationToken.None);
                    LogSendFailed(logger, ex, source.Source, recipient.Channel);
                }
            }
        }

        return sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} ingestion source(s) are stale but the directory names no admin to tell")]
    private static partial void LogNoAdmins(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stale-export alert for ingestion source {Source} sent to {Channel}")]
    private static partial void LogSent(ILogger logger, string source, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stale-export alert for ingestion source {Source} could not be sent to {Channel}; it will be retried on the next run")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string source, string channel);
}
