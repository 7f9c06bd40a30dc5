namespace FinOps.Core.Budgets;

/// <summary>Evaluates budgets (actual to date, forecast, state) as of a day; implemented by the budget store's owner.</summary>
public interface IBudgetStatusService
{
    /// <summary>Every budget's status for the period containing <paramref name="asOf"/>, data known before that day.</summary>
    Task<IReadOnlyList<BudgetStatus>> GetStatusAsync(DateOnly asOf, CancellationToken cancellationToken);

    /// <summary>The budget <paramref name="budgetId"/> in the period containing <paramref name="asOf"/>; null when unknown.</summary>
    Task<BudgetStatus?> FindAsync(string budgetId, DateOnly asOf, CancellationToken cancellationToken);

    /// <summary>
    /// The drivers of budget <paramref name="budgetId"/>'s gap in the period containing <paramref name="asOf"/> (<paramref name="top"/>
    /// services and accounts, largest increase first); none when the budget is unknown or the service cannot tell.
    /// </summary>
    Task<IReadOnlyList<BudgetDriver>> GetDriversAsync(string budgetId, DateOnly asOf, int top, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BudgetDriver>>([]);
}
