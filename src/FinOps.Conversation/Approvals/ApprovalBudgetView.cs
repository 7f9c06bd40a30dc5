using FinOps.Core.Approvals;
using FinOps.Core.Budgets;

namespace FinOps.Conversation.Approvals;

/// <summary>The budget as a request card shows it: its status and top drivers, evaluated as of today within the request's period.</summary>
/// <remarks>
/// As of today (clamped into the period) rather than the period's first day: evaluated as of its first day a budget has no
/// actual spend and no drivers yet, which is not what an approver needs to see.
/// </remarks>
public sealed record ApprovalBudgetView(BudgetStatus? Status, IReadOnlyList<BudgetDriver> Drivers)
{
    public static async Task<ApprovalBudgetView> LoadAsync(IBudgetStatusService? budgets, ApprovalRequest request, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(time);
        if (budgets is null)
        {
            return new ApprovalBudgetView(null, []);
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var last = request.Period.End.AddDays(-1);
        var asOf = today < request.Period.Start ? request.Period.Start : today > last ? last : today;
        var status = await budgets.FindAsync(request.BudgetId, asOf, cancellationToken);
        var drivers = status is null ? [] : await budgets.GetDriversAsync(request.BudgetId, asOf, ApprovalCards.TopDrivers, cancellationToken);
        return new ApprovalBudgetView(status, drivers);
    }
}
