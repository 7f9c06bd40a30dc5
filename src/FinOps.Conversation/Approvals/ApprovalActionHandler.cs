using System.Globalization;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Approvals;
using FinOps.Core.Budgets;
using FinOps.Core.People;

namespace FinOps.Conversation.Approvals;

/// <summary>
/// The approval buttons: the budget card's "Request increase" (answers with the request form), the form's submit, and
/// Approve / Deny / Ask for info on a request card, and the per-person view of a request card (<see cref="ApprovalCards.View"/>).
/// </summary>
/// <remarks>
/// The returned card replaces the clicked one. A person who may not decide gets a <see cref="ApprovalCards.PrivateKind"/>
/// notice (the channels show it to that person only) and nothing changes; a late click gets the request as decided.
/// </remarks>
public sealed class ApprovalActionHandler(ApprovalService approvals, IApprovalStore store, IBudgetStatusService budgets, PersonResolver people, TimeProvider time) : ICardActionHandler
{
    public string ActionPrefix => BudgetActions.ApprovalPrefix;

    public async Task<Card> HandleAsync(CardActionInvoked action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action.ActionId switch
        {
            BudgetActions.RequestIncrease => await FormAsync(action, cancellationToken),
            ApprovalCards.Submit => await SubmitAsync(action, cancellationToken),
            ApprovalCards.View => await ViewAsync(action, cancellationToken),
            ApprovalCards.Approve => await DecideAsync(action, ApprovalAction.Approve, cancellationToken),
            ApprovalCards.Deny => await DecideAsync(action, ApprovalAction.Deny, cancellationToken),
            ApprovalCards.Ask => await DecideAsync(action, ApprovalAction.AskForInfo, cancellationToken),
            _ => ConversationService.ErrorCard($"That button ({action.ActionId}) is not something I can handle any more."),
        };
    }

    private async Task<Card> FormAsync(CardActionInvoked action, CancellationToken cancellationToken)
    {
        var budget = await FindBudgetAsync(action, cancellationToken);
        if (budget is null)
        {
            return ApprovalCards.Notice("That budget no longer exists, or its period is over.", isPrivate: true);
        }

        if (budget.Team is null)
        {
            return ApprovalCards.Notice("This budget has no team, so nobody could approve an increase.", isPrivate: true);
        }

        var person = await ResolveAsync(action, cancellationToken);
        if (ApprovalPolicy.CannotRequest(approvals.Directory, budget.Team, person) is { } refused)
        {
            return ApprovalCards.Notice(refused, isPrivate: true);
        }

        return ApprovalCards.Form(budget);
    }

    private async Task<Card> SubmitAsync(CardActionInvoked action, CancellationToken cancellationToken)
    {
        var budget = await FindBudgetAsync(action, cancellationToken);
        if (budget is null)
        {
            return ApprovalCards.Notice("That budget no longer exists, or its period is over.", isPrivate: true);
        }

        var amountText = Input(action, ApprovalCards.AmountInput);
        if (!ApprovalText.TryParseAmount(amountText, out var amount, out var currency))
        {
            return Retry(budget, $"\"{amountText}\" is not an amount; write it like 2000 or 2,000.00.");
        }

        var reason = Input(action, ApprovalCards.ReasonInput);
        var person = await ResolveAsync(action, cancellationToken);
        var result = await approvals.RequestAsync(
            new NewApprovalRequest(budget.BudgetId, budget.Period.Start, amount, reason ?? string.Empty, currency),
            person, ApprovalCommand.Where(action.User, action.Conversation), cancellationToken);
        return result.Kind switch
        {
            ApprovalResultKind.Created => ApprovalCards.Notice(result.Message),
            ApprovalResultKind.Invalid => Retry(budget, result.Message),
            _ => ApprovalCards.Notice(result.Message, isPrivate: true),
        };
    }

    /// <summary>The request as the asking person may see it now: buttons only when the policy lets them decide it.</summary>
    private async Task<Card> ViewAsync(CardActionInvoked action, CancellationToken cancellationToken)
    {
        var requestId = action.Payload.GetValueOrDefault(ApprovalCards.RequestIdKey);
        if (string.IsNullOrEmpty(requestId) || await store.FindAsync(requestId, cancellationToken) is not { } request)
        {
            return ApprovalCards.Notice("That request no longer exists.", isPrivate: true);
        }

        var person = await ResolveAsync(action, cancellationToken);
        var view = await ApprovalBudgetView.LoadAsync(budgets, request, time, cancellationToken);
        return ApprovalCards.ViewFor(request, view.Status, action.User, IsDecider(request, person), view.Drivers);
    }

    private async Task<Card> DecideAsync(CardActionInvoked action, ApprovalAction kind, CancellationToken cancellationToken)
    {
        var requestId = action.Payload.GetValueOrDefault(ApprovalCards.RequestIdKey);
        if (string.IsNullOrEmpty(requestId))
        {
            return ConversationService.ErrorCard("That button does not say which request it decides.");
        }

        decimal? amount = null;
        if (kind == ApprovalAction.Approve && Input(action, ApprovalCards.AmountInput) is { } amountText)
        {
            if (!ApprovalText.TryParseAmount(amountText, out var parsed, out _))
            {
                return ApprovalCards.Notice($"\"{amountText}\" is not an amount; nothing was decided.", isPrivate: true);
            }

            amount = parsed;
        }

        int? step = int.TryParse(action.Payload.GetValueOrDefault(ApprovalCards.StepKey), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        var person = await ResolveAsync(action, cancellationToken);
        var result = await approvals.DecideAsync(
            requestId, new ApprovalDecision(kind, amount, Input(action, ApprovalCards.NoteInput), step), person,
            ApprovalCommand.Where(action.User, action.Conversation), action.MessageId, cancellationToken);
        switch (result.Kind)
        {
            case ApprovalResultKind.NotAllowed when result.Request is { } seen:
                // The person sees the request read-only with the refusal (Teams shows the invoke response to them alone).
                var seenBudget = await ApprovalBudgetView.LoadAsync(budgets, seen, time, cancellationToken);
                return ApprovalCards.Request(seen, seenBudget.Status, decidable: false, result.Message + " Nothing changed.", isPrivate: true, seenBudget.Drivers);
            case ApprovalResultKind.NotAllowed:
            case ApprovalResultKind.Invalid:
            case ApprovalResultKind.NotFound:
                return ApprovalCards.Notice(result.Message + " Nothing changed.", isPrivate: true);
            default:
                var request = result.Request!;
                var budget = await ApprovalBudgetView.LoadAsync(budgets, request, time, cancellationToken);
                // Teams shows this card to the clicker alone and in place of their refreshing copy: while the request stays open
                // (a question asked, a step approved) it keeps refreshing for them, with the buttons only if they still decide.
                return request.Status == ApprovalStatus.Pending
                    ? ApprovalCards.ViewFor(request, budget.Status, action.User, IsDecider(request, person), budget.Drivers, result.Message)
                    : ApprovalCards.Request(request, budget.Status, decidable: true, notice: result.Message, drivers: budget.Drivers);
        }
    }

    private bool IsDecider(ApprovalRequest request, Person? person) =>
        request.Status == ApprovalStatus.Pending && approvals.Policy.CannotDecide(approvals.Directory, request, person) is null;

    private Task<BudgetStatus?> FindBudgetAsync(CardActionInvoked action, CancellationToken cancellationToken)
    {
        var id = action.Payload.GetValueOrDefault(BudgetActions.BudgetIdKey);
        var day = DateOnly.TryParseExact(action.Payload.GetValueOrDefault(BudgetActions.PeriodStartKey), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            ? start
            : DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return string.IsNullOrEmpty(id) ? Task.FromResult<BudgetStatus?>(null) : budgets.FindAsync(id, day, cancellationToken);
    }

    private Task<Person?> ResolveAsync(CardActionInvoked action, CancellationToken cancellationToken) =>
        people.ResolveAsync(
            new ChannelIdentity(action.User.Channel, action.User.Id, action.User.Email, action.User.AadObjectId, action.Conversation.Id, action.Conversation.Workspace),
            cancellationToken);

    private static string? Input(CardActionInvoked action, string id) =>
        action.Inputs.TryGetValue(id, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static Card Retry(BudgetStatus budget, string problem)
    {
        var form = ApprovalCards.Form(budget);
        return form with { Blocks = [form.Blocks[0], new TextBlock($"**{problem}**"), .. form.Blocks.Skip(1)] };
    }
}
