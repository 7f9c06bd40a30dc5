using FinOps.Core.People;

namespace FinOps.Core.Approvals;

/// <summary>The clock side of the flow: reminders, escalation to the next level, expiry at the period's end.</summary>
/// <remarks>
/// Run periodically. Each change is conditional on the request version it was computed from, so two runs (or a run racing
/// a decision) record each reminder, escalation and expiry exactly once. Order per request: expiry (the period is over),
/// else escalation (<see cref="ApprovalOptions.EscalateAfter"/> since the step began, when a higher level exists), else one
/// reminder per stage (<see cref="ApprovalOptions.RemindAfter"/>).
/// </remarks>
public sealed class ApprovalTimers(IApprovalStore store, DirectorySource directory, ApprovalPolicy policy, IApprovalNotifier notifier, TimeProvider time)
{
    public const string SystemActor = "system";
    public const string SchedulerChannel = "scheduler";

    private static readonly ApprovalParty System = new(SystemActor, SystemActor, SchedulerChannel);

    /// <summary>Applies what is due now; returns the number of audit entries written.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var request in await store.ListAsync(ApprovalStatus.Pending, null, cancellationToken))
        {
            written += await RunAsync(request, cancellationToken) ? 1 : 0;
        }

        return written;
    }

    private async Task<bool> RunAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = directory.Current;
        if (ApprovalService.CalendarDay(now) >= request.Period.End)
        {
            var expired = request with { Status = ApprovalStatus.Expired, DecidedAt = now, DecidedBy = SystemActor, Version = request.Version + 1 };
            if (!await store.TryTransitionAsync(expired, request.Version, ApprovalService.Event(request, now, ApprovalEventKind.Expired, System, "the period ended", request.EffectiveAmount, 0m, null), cancellationToken))
            {
                return false;
            }

            await notifier.UpdateCardsAsync(expired, cancellationToken);
            await notifier.NotifyRequesterAsync(expired, ApprovalService.Outcome(expired), cancellationToken);
            return true;
        }

        if (now >= request.StageStartedAt + policy.Options.EscalateAfter && policy.NextEscalation(current, request) is { } role)
        {
            var before = policy.Deciders(current, request).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            var escalated = request with { Escalations = request.Escalations + 1, StageStartedAt = now, RemindedAt = null, Version = request.Version + 1 };
            var added = policy.Deciders(current, escalated).Where(p => !before.Contains(p.Key)).ToArray();
            var note = $"escalated to {role.ToString().ToLowerInvariant()}: {Names(added)}";
            if (!await store.TryTransitionAsync(escalated, request.Version, ApprovalService.Event(request, now, ApprovalEventKind.Escalated, System, note, null, null, null), cancellationToken))
            {
                return false;
            }

            await notifier.NotifyApproversAsync(escalated, added, ApprovalEventKind.Escalated, cancellationToken);
            return true;
        }

        if (request.RemindedAt is null && now >= request.StageStartedAt + policy.Options.RemindAfter)
        {
            var deciders = policy.Deciders(current, request);
            var reminded = request with { RemindedAt = now, Version = request.Version + 1 };
            if (!await store.TryTransitionAsync(reminded, request.Version, ApprovalService.Event(request, now, ApprovalEventKind.Reminded, System, "reminded " + Names(deciders), null, null, null), cancellationToken))
            {
                return false;
            }

            await notifier.NotifyApproversAsync(reminded, deciders, ApprovalEventKind.Reminded, cancellationToken);
            return true;
        }

        return false;
    }

    private static string Names(IEnumerable<Person> people) => string.Join(", ", people.Select(p => p.Label));
}
