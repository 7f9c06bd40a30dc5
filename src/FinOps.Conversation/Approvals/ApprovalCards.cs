using System.Globalization;
using FinOps.Conversation.Budgets;
using FinOps.Conversation.Cards;
using FinOps.Core.Approvals;
using FinOps.Core.Budgets;
using FinOps.Core.Query;

namespace FinOps.Conversation.Approvals;

/// <summary>The cards of the approval flow: the request form, the request card for approvers (and its read-only copy), lists, notices.</summary>
public static class ApprovalCards
{
    public const string RequestKind = "approval";
    public const string FormKind = "approval-form";
    public const string ListKind = "approvals";

    /// <summary>A notice meant for the clicking person only (Slack ephemeral, Teams refreshed card for that user); nothing changed.</summary>
    public const string PrivateKind = "approval-private";

    public const string Approve = "approval.approve";
    public const string Deny = "approval.deny";
    public const string Ask = "approval.ask";

    /// <summary>The request as the asking person may see it (payload: request id): with the buttons for a decider, read-only otherwise.</summary>
    public const string View = "approval" + CardRefresh.ViewSuffix;

    /// <summary>The request form's submit button (payload: budget id and period start; inputs: amount, reason).</summary>
    public const string Submit = "approval.submit";

    public const string RequestIdKey = "requestId";
    public const string StepKey = "step";
    public const string AmountInput = "amount";
    public const string NoteInput = "note";
    public const string ReasonInput = "reason";

    /// <summary>The smallest amount the amount fields offer (a cent); the approval service refuses zero and less anyway.</summary>
    public const decimal MinimumAmount = 0.01m;

    /// <summary>How many services and accounts (each) the request card lists as the budget's top drivers, as the budget alert card does.</summary>
    public const int TopDrivers = 3;

    /// <summary>The request as approvers see it: with Approve/Deny/Ask while pending when <paramref name="decidable"/>, else read-only with the outcome.</summary>
    /// <remarks>
    /// With <paramref name="isPrivate"/> the card is a <see cref="PrivateKind"/> reply (a refusal over the read-only request) whose text is the notice.
    /// <paramref name="drivers"/> (the budget's top drivers, in the request's currency) are shown as the budget alert card shows them.
    /// </remarks>
    public static Card Request(
        ApprovalRequest request, BudgetStatus? budget, bool decidable, string? notice = null, bool isPrivate = false, IReadOnlyList<BudgetDriver>? drivers = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var blocks = new List<CardBlock> { new TitleBlock($"Budget increase request: {request.Team}") };
        if (notice is not null)
        {
            blocks.Add(new TextBlock($"**{notice}**"));
        }

        var facts = new List<Fact>
        {
            new("Scope", "team " + request.Team + " (budget " + request.BudgetId + ")"),
            new("Period", Period(request.Period)),
            new("Amount", "+" + Amount(request.Amount, request.Currency)),
        };
        if (request.ApprovedAmount is { } approved && approved != request.Amount)
        {
            facts.Add(new Fact("Approved amount", "+" + Amount(approved, request.Currency)));
        }

        if (budget is not null)
        {
            facts.Add(new Fact("Limit", Amount(budget.EffectiveLimit, budget.Currency)));
            facts.Add(new Fact("Actual to date", Amount(budget.Actual, budget.Currency)));
            if (budget.Forecast is { } forecast)
            {
                facts.Add(new Fact("Forecast", string.Create(
                    CultureInfo.InvariantCulture, $"{Amount(forecast.Value, forecast.Currency)} (80%: {forecast.Low:N0} to {forecast.High:N0})")));
            }
        }

        facts.Add(new Fact("Reason", request.Reason));
        facts.Add(new Fact("Requested by", request.Requester.Name));
        facts.Add(new Fact("Status", Status(request)));
        blocks.Add(new FactsBlock(facts));
        if (drivers is { Count: > 0 })
        {
            blocks.Add(BudgetAlertCardComposer.DriversBlock(drivers, request.Currency));
        }

        if (request.Status == ApprovalStatus.Pending && decidable)
        {
            var payload = new Dictionary<string, string>
            {
                [RequestIdKey] = request.Id,
                [StepKey] = request.Step.ToString(CultureInfo.InvariantCulture),
            };
            blocks.Add(new TextInputBlock(AmountInput, "Approve a different amount (optional)", Placeholder: request.EffectiveAmount.ToString("0.##", CultureInfo.InvariantCulture), Minimum: MinimumAmount));
            blocks.Add(new TextInputBlock(NoteInput, "Reason (required to deny) or question for the requester", Multiline: true));
            blocks.Add(new ActionsBlock(
            [
                new CardAction(Approve, "Approve", payload, ActionStyle.Primary),
                new CardAction(Deny, "Deny", payload, ActionStyle.Danger),
                new CardAction(Ask, "Ask for info", payload),
            ]));
        }
        else if (request.Status != ApprovalStatus.Pending)
        {
            blocks.Add(new TextBlock(ApprovalService.Outcome(request)));
        }

        blocks.Add(new ContextBlock($"Request {request.Id}"));
        return isPrivate && notice is not null
            ? new Card(PrivateKind, notice, blocks)
            : new Card(RequestKind, $"Budget increase request for {request.Team}: +{Amount(request.Amount, request.Currency)}, {Status(request)}", blocks);
    }

    /// <summary>
    /// The copy of a request posted to approvers and updated in place: while pending, everyone sees it read-only and the
    /// <paramref name="approvers"/> (and, in small chats, anyone) get their own view through <see cref="View"/>.
    /// </summary>
    /// <remarks>Channels without per-person views show the buttons (each approver has a private copy; a click is checked anyway).</remarks>
    public static Card Shared(
        ApprovalRequest request, BudgetStatus? budget, IReadOnlyList<ChatUser> approvers, string? notice = null, IReadOnlyList<BudgetDriver>? drivers = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(approvers);
        var card = Request(request, budget, decidable: true, notice, drivers: drivers);
        return request.Status != ApprovalStatus.Pending
            ? card
            : card with { Refresh = new CardRefresh(ViewAction(request), approvers, Request(request, budget, decidable: false, notice, drivers: drivers).Blocks) };
    }

    /// <summary>The answer to <see cref="View"/>: the buttons for a decider (and it keeps refreshing for them), read-only for anyone else.</summary>
    /// <remarks>With a <paramref name="notice"/> (the answer to the viewer's own click, e.g. "Asked ..."), the card says it on top.</remarks>
    public static Card ViewFor(
        ApprovalRequest request, BudgetStatus? budget, ChatUser viewer, bool decider, IReadOnlyList<BudgetDriver>? drivers = null, string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var card = Request(request, budget, decidable: decider, notice, drivers: drivers);
        return decider && request.Status == ApprovalStatus.Pending
            ? card with { Refresh = new CardRefresh(ViewAction(request), [viewer]) }
            : card;
    }

    private static CardAction ViewAction(ApprovalRequest request) =>
        new(View, "Refresh", new Dictionary<string, string> { [RequestIdKey] = request.Id });

    /// <summary>The "Request increase" form: amount and reason, submitted with <see cref="Submit"/>.</summary>
    public static Card Form(BudgetStatus budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var payload = new Dictionary<string, string>
        {
            [BudgetActions.BudgetIdKey] = budget.BudgetId,
            [BudgetActions.PeriodStartKey] = budget.Period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        return new Card(FormKind, $"Request a budget increase for {budget.Team ?? budget.BudgetId}",
        [
            new TitleBlock($"Request a budget increase: {budget.Team ?? budget.BudgetId}"),
            new FactsBlock(
            [
                new Fact("Period", Period(budget.Period)),
                new Fact("Limit", Amount(budget.EffectiveLimit, budget.Currency)),
                new Fact("Actual to date", Amount(budget.Actual, budget.Currency)),
            ]),
            new TextInputBlock(AmountInput, $"Increase ({budget.Currency})", Placeholder: "2000", Required: true, Minimum: MinimumAmount),
            new TextInputBlock(ReasonInput, "Reason", Placeholder: "launch traffic", Required: true, Multiline: true),
            new ActionsBlock([new CardAction(Submit, "Send request", payload, ActionStyle.Primary)]),
        ]);
    }

    /// <summary>Requests of a team in a period, newest first.</summary>
    public static Card List(string team, DateRange period, IReadOnlyList<ApprovalRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var title = $"Approvals for {team}, {Period(period)}";
        if (requests.Count == 0)
        {
            return new Card(ListKind, title + ": none", [new TitleBlock(title), new TextBlock("No budget increase requests in this period.")]);
        }

        var facts = requests.Select(r => new Fact(
            $"{r.CreatedAt.UtcDateTime:yyyy-MM-dd} {r.Requester.Name}",
            $"+{Amount(r.EffectiveAmount, r.Currency)}, {Status(r)}: {r.Reason}")).ToList();
        return new Card(ListKind, $"{title}: {requests.Count} request(s)", [new TitleBlock(title), new FactsBlock(facts)]);
    }

    /// <summary>A short reply (a confirmation or a refusal); <see cref="PrivateKind"/> when only the clicker should see it.</summary>
    public static Card Notice(string text, bool isPrivate = false) =>
        new(isPrivate ? PrivateKind : "approval-notice", text, [new TextBlock(text)]);

    private static string Status(ApprovalRequest r) => r.Status switch
    {
        ApprovalStatus.Pending when r.Step > 0 => "pending (finance)",
        _ => ApprovalWire.Name(r.Status),
    };

    private static string Period(DateRange period) => string.Create(
        CultureInfo.InvariantCulture, $"{period.Start:yyyy-MM-dd} to {period.End.AddDays(-1):yyyy-MM-dd}");

    private static string Amount(decimal amount, string currency) =>
        amount.ToString("N2", CultureInfo.InvariantCulture) + " " + currency;
}
