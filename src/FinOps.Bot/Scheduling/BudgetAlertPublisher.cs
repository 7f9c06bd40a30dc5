using System.Globalization;
using FinOps.Conversation.Budgets;
using FinOps.Conversation.Messaging;
using FinOps.Core.Budgets;
using FinOps.Core.Calendar;
using FinOps.Core.People;
using FinOps.Core.Reliability;
using Microsoft.Extensions.Logging;

namespace FinOps.Bot.Scheduling;

/// <summary>
/// Evaluates every budget and alerts each threshold crossing (actual 80% and 100%, forecast 100% by default) once per period.
/// </summary>
/// <remarks>
/// Each alert to each recipient is claimed in <see cref="IIdempotencyStore"/> under
/// <c>budget:{budgetId}:{periodStart}:{threshold}:{channel}:{address}</c> (scope <see cref="IdempotencyScope"/>), so it goes out
/// once across re-runs and restarts; a failed send is released and retried on the next run. When several thresholds of one kind
/// are reached at once (a first run at 105%), only the highest is sent and the lower ones are recorded as superseded.
/// </remarks>
public sealed partial class BudgetAlertPublisher(
    BudgetStatusService budgets,
    DirectorySource directory,
    BudgetAlertRecipients recipients,
    IEnumerable<IProactiveSender> senders,
    IIdempotencyStore idempotency,
    TimeProvider time,
    ILogger<BudgetAlertPublisher> logger)
{
    public const string IdempotencyScope = "budget.alert";

    private const int TopDrivers = 3;
    private static readonly TimeSpan SendLease = TimeSpan.FromMinutes(10);

    public static string IdempotencyKey(string budgetId, DateOnly periodStart, BudgetThreshold threshold, string channel, string address) =>
        string.Create(CultureInfo.InvariantCulture, $"budget:{budgetId}:{periodStart:yyyy-MM-dd}:{threshold.Key}:{channel}:{address}");

    /// <summary>Evaluates as of today (UTC) and sends what has not been sent; returns how many messages went out now.</summary>
    public Task<int> PublishAsync(CancellationToken cancellationToken) => PublishAsync(CostCalendar.Today(time), cancellationToken);

    public async Task<int> PublishAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var byChannel = senders.GroupBy(s => s.Channel, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var people = directory.Current;
        var sent = 0;
        foreach (var budget in await budgets.ListAsync(cancellationToken))
        {
            var team = budget.Team is null ? null : people.FindTeam(budget.Team);
            if (team is null)
            {
                LogNoTeam(logger, budget.Id);
                continue;
            }

            var status = await budgets.EvaluateAsync(budget, asOf, cancellationToken);
            var reached = budget.Thresholds.Where(t => t.IsReachedBy(status)).ToList();
            if (reached.Count == 0)
            {
                continue;
            }

            var targets = await recipients.ResolveAsync(team, byChannel.Keys, cancellationToken);
            BudgetAlert? alert = null;
            foreach (var group in reached.GroupBy(t => t.Kind))
            {
                var highest = group.MaxBy(t => t.Percent)!;
                foreach (var recipient in targets)
                {
                    foreach (var lower in group.Where(t => t != highest))
                    {
                        var lowerKey = IdempotencyKey(budget.Id, status.Period.Start, lower, recipient.Channel, recipient.Address.Id);
                        if (await idempotency.TryClaimAsync(IdempotencyScope, lowerKey, SendLease, cancellationToken))
                        {
                            await idempotency.CompleteAsync(IdempotencyScope, lowerKey, "superseded:" + highest.Key, cancellationToken);
                        }
                    }

                    var key = IdempotencyKey(budget.Id, status.Period.Start, highest, recipient.Channel, recipient.Address.Id);
                    if (!await idempotency.TryClaimAsync(IdempotencyScope, key, SendLease, cancellationToken))
                    {
                        continue;
                    }

                    try
                    {
                        alert ??= new BudgetAlert(
                            team.DisplayName,
                            highest,
                            status,
                            await budgets.GetDriversAsync(budget, asOf, TopDrivers, cancellationToken),
                            await budgets.GetProgressAsync(budget, asOf, cancellationToken));
                        var card = BudgetAlertCardComposer.Compose(alert with { Threshold = highest });
                        var message = await byChannel[recipient.Channel].SendAsync(recipient.Address, card, key, cancellationToken);
                        await idempotency.CompleteAsync(IdempotencyScope, key, message.MessageId, cancellationToken);
                        sent++;
                        LogSent(logger, budget.Id, highest.Key, recipient.Channel);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // Released so that the next evaluation (after the next import, or the daily run) tries this recipient again.
                        await idempotency.ReleaseAsync(IdempotencyScope, key, CancellationToken.None);
                        LogSendFailed(logger, ex, budget.Id, highest.Key, recipient.Channel);
                    }
                }
            }
        }

        return sent;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Budget {BudgetId} belongs to no team of the directory; no alerts")]
    private static partial void LogNoTeam(ILogger logger, string budgetId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Budget alert {BudgetId} {Threshold} sent to {Channel}")]
    private static partial void LogSent(ILogger logger, string budgetId, string threshold, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Budget alert {BudgetId} {Threshold} could not be sent to {Channel}; it will be retried on the next evaluation")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string budgetId, string threshold, string channel);
}
