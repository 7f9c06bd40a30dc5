using System.Globalization;
using FinOps.Core.Budgets;
using FinOps.Core.People;

namespace FinOps.Core.Approvals;

/// <summary>The overrun approval flow: requests, decisions and questions, each checked against the directory and applied once.</summary>
/// <remarks>
/// Channel-neutral: the caller resolves the chat user to a <see cref="Person"/> and says where the action came from.
/// A decision is evaluated on the stored request and applied with its version; when another change wins the race the
/// request is read again and the decision evaluated anew, so a late click sees the outcome instead of overwriting it.
/// </remarks>
public sealed class ApprovalService(
    IApprovalStore store,
    IBudgetStatusService budgets,
    DirectorySource directory,
    ApprovalPolicy policy,
    IApprovalNotifier notifier,
    TimeProvider time)
{
    // Each retry follows a change that won; only decisions and timers change a request, so a few rounds settle it.
    private const int MaxRounds = 5;

    public ApprovalPolicy Policy => policy;

    public CompanyDirectory Directory => directory.Current;

    /// <summary>Stores a request for an increase of a budget in the period containing <see cref="NewApprovalRequest.PeriodDay"/> and sends it to the first approvers.</summary>
    public async Task<ApprovalResult> RequestAsync(NewApprovalRequest input, Person? requester, ApprovalParty where, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(where);
        if (input.Amount <= 0)
        {
            return Invalid($"The amount must be more than zero, not {input.Amount.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            return Invalid("Say why the budget needs more (the reason is required).");
        }

        var budget = await budgets.FindAsync(input.BudgetId, input.PeriodDay, cancellationToken);
        if (budget is null)
        {
            return new ApprovalResult(ApprovalResultKind.NotFound, null, $"There is no budget '{input.BudgetId}'.");
        }

        if (budget.Team is null)
        {
            return Invalid($"Budget '{budget.BudgetId}' is not a team's budget, so nobody is configured to approve increases.");
        }

        if (input.Currency is { } currency && !string.Equals(currency, budget.Currency, StringComparison.OrdinalIgnoreCase))
        {
            return Invalid($"Budget '{budget.BudgetId}' is in {budget.Currency}, not {currency}.");
        }

        var current = directory.Current;
        if (ApprovalPolicy.CannotRequest(current, budget.Team, requester) is { } refused)
        {
            return new ApprovalResult(ApprovalResultKind.NotAllowed, null, refused);
        }

        var now = time.GetUtcNow();
        if (CalendarDay(now) >= budget.Period.End)
        {
            return Invalid($"The period {budget.Period} has ended.");
        }

        var party = where with { Key = requester!.Key, Name = requester.Label };
        var request = new ApprovalRequest(
            NewId(), budget.BudgetId, budget.Team, budget.Period, input.Amount, budget.Currency, input.Reason.Trim(), party,
            ApprovalStatus.Pending, null, 0, 0, now, now, null, null, null, null, 1);
        var deciders = policy.Deciders(current, request);
        if (deciders.Count == 0)
        {
            return Invalid($"Team {budget.Team} has no owners or approvers in the directory, so nobody could decide this request.");
        }

        await store.CreateAsync(request, Event(request, now, ApprovalEventKind.Requested, party, request.Reason, null, request.Amount, null), cancellationToken);
        await notifier.NotifyApproversAsync(request, deciders, ApprovalEventKind.Requested, cancellationToken);
        return new ApprovalResult(ApprovalResultKind.Created, request, string.Create(
            CultureInfo.InvariantCulture,
            $"Requested +{request.Amount:N2} {request.Currency} for {request.Team} ({request.Period.Start:yyyy-MM-dd} to {request.Period.End.AddDays(-1):yyyy-MM-dd}); sent to {string.Join(", ", deciders.Select(p => p.Label))}."));
    }

    /// <summary>Applies an approver's decision or question, once; anyone else gets a refusal and nothing changes.</summary>
    public async Task<ApprovalResult> DecideAsync(
        string requestId, ApprovalDecision decision, Person? actor, ApprovalParty where, string? messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(where);
        for (var round = 0; round < MaxRounds; round++)
        {
            var request = await store.FindAsync(requestId, cancellationToken);
            if (request is null)
            {
                return new ApprovalResult(ApprovalResultKind.NotFound, null, $"There is no approval request '{requestId}'.");
            }

            if (request.Status != ApprovalStatus.Pending)
            {
                return new ApprovalResult(ApprovalResultKind.AlreadyDecided, request, Outcome(request));
            }

            if (decision.ExpectedStep is { } step && step != request.Step)
            {
                return new ApprovalResult(ApprovalResultKind.AlreadyDecided, request, "That step was already approved; the request is now with the next approver.");
            }

            var current = directory.Current;
            if (policy.CannotDecide(current, request, actor) is { } refused)
            {
                return new ApprovalResult(ApprovalResultKind.NotAllowed, request, refused);
            }

            var party = where with { Key = actor!.Key, Name = actor.Label };
            var result = decision.Action switch
            {
                ApprovalAction.Approve => await ApproveAsync(current, request, decision, actor, party, messageId, cancellationToken),
                ApprovalAction.Deny => await DenyAsync(request, decision, party, messageId, cancellationToken),
                ApprovalAction.AskForInfo => await AskAsync(request, decision, party, messageId, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(decision), decision.Action, "Unknown approval action."),
            };
            if (result is not null)
            {
                return result;
            }
        }

        var latest = await store.FindAsync(requestId, cancellationToken);
        return new ApprovalResult(ApprovalResultKind.AlreadyDecided, latest, latest is null ? "The request changed meanwhile." : Outcome(latest));
    }

    /// <summary>A sentence saying where a request stands.</summary>
    public static string Outcome(ApprovalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Status switch
        {
            ApprovalStatus.Approved => string.Create(CultureInfo.InvariantCulture, $"Approved by {request.DecidedBy}: +{request.EffectiveAmount:N2} {request.Currency} for {request.Team} until {request.Period.End.AddDays(-1):yyyy-MM-dd}."),
            ApprovalStatus.Denied => $"Denied by {request.DecidedBy}: {request.DecisionNote}",
            ApprovalStatus.Expired => $"Expired: the period ended on {request.Period.End.AddDays(-1):yyyy-MM-dd} without a decision.",
            _ => "Waiting for a decision.",
        };
    }

    private async Task<ApprovalResult?> ApproveAsync(
        CompanyDirectory current, ApprovalRequest request, ApprovalDecision decision, Person actor, ApprovalParty party, string? messageId, CancellationToken cancellationToken)
    {
        if (decision.Amount is <= 0)
        {
            return Invalid($"The approved amount must be more than zero, not {decision.Amount.Value.ToString(CultureInfo.InvariantCulture)}.");
        }

        var amount = decision.Amount ?? request.EffectiveAmount;
        var now = time.GetUtcNow();
        var chain = policy.Chain(current, request.Team, amount);
        var next = request.Step + 1;
        while (next < chain.Count && chain[next].People.Any(p => p.Key == actor.Key)
            && (policy.Options.AllowSelfApproval || actor.Key != request.Requester.Key))
        {
            next++;
        }

        var final = next >= chain.Count;
        var updated = final
            ? request with { Status = ApprovalStatus.Approved, ApprovedAmount = amount, DecidedAt = now, DecidedBy = actor.Label, DecisionNote = decision.Note, Version = request.Version + 1 }
            : request with { ApprovedAmount = amount, Step = next, Escalations = 0, StageStartedAt = now, RemindedAt = null, Version = request.Version + 1 };
        var kind = final ? ApprovalEventKind.Approved : ApprovalEventKind.StepApproved;
        if (!await store.TryTransitionAsync(updated, request.Version, Event(request, now, kind, party, decision.Note, request.EffectiveAmount, amount, messageId), cancellationToken))
        {
            return null;
        }

        await notifier.UpdateCardsAsync(updated, cancellationToken);
        if (final)
        {
            await notifier.NotifyRequesterAsync(updated, Outcome(updated), cancellationToken);
            return new ApprovalResult(ApprovalResultKind.Applied, updated, Outcome(updated));
        }

        var deciders = policy.Deciders(current, updated);
        await notifier.NotifyApproversAsync(updated, deciders, ApprovalEventKind.StepApproved, cancellationToken);
        return new ApprovalResult(ApprovalResultKind.Applied, updated, string.Create(
            CultureInfo.InvariantCulture, $"Approved +{amount:N2} {updated.Currency}; it now needs {chain[next].Role.ToString().ToLowerInvariant()} approval ({string.Join(", ", deciders.Select(p => p.Label))})."));
    }

    private async Task<ApprovalResult?> DenyAsync(ApprovalRequest request, ApprovalDecision decision, ApprovalParty party, string? messageId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(decision.Note))
        {
            return Invalid("A denial needs a reason.");
        }

        var now = time.GetUtcNow();
        var updated = request with { Status = ApprovalStatus.Denied, DecidedAt = now, DecidedBy = party.Name, DecisionNote = decision.Note.Trim(), Version = request.Version + 1 };
        if (!await store.TryTransitionAsync(updated, request.Version, Event(request, now, ApprovalEventKind.Denied, party, updated.DecisionNote, request.EffectiveAmount, 0m, messageId), cancellationToken))
        {
            return null;
        }

        await notifier.UpdateCardsAsync(updated, cancellationToken);
        await notifier.NotifyRequesterAsync(updated, Outcome(updated), cancellationToken);
        return new ApprovalResult(ApprovalResultKind.Applied, updated, Outcome(updated));
    }

    private async Task<ApprovalResult?> AskAsync(ApprovalRequest request, ApprovalDecision decision, ApprovalParty party, string? messageId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(decision.Note))
        {
            return Invalid("Write the question for the requester.");
        }

        var now = time.GetUtcNow();
        await store.AppendAsync(Event(request, now, ApprovalEventKind.InfoRequested, party, decision.Note.Trim(), null, null, messageId), cancellationToken);
        await notifier.NotifyRequesterAsync(request, $"{party.Name} asks about your request for +{request.Amount.ToString("N2", CultureInfo.InvariantCulture)} {request.Currency} ({request.Team}): {decision.Note.Trim()}", cancellationToken);
        return new ApprovalResult(ApprovalResultKind.Applied, request, $"Asked {request.Requester.Name}; the request stays open.");
    }

    internal static ApprovalEvent Event(
        ApprovalRequest request, DateTimeOffset at, ApprovalEventKind kind, ApprovalParty party, string? note, decimal? before, decimal? after, string? messageId) =>
        new(0, request.Id, at, kind, party.Key, note, before, after, request.Currency, party.Channel, messageId);

    internal static DateOnly CalendarDay(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    private static ApprovalResult Invalid(string message) => new(ApprovalResultKind.Invalid, null, message);

    private static string NewId() => "apr-" + Guid.NewGuid().ToString("N")[..12];
}
