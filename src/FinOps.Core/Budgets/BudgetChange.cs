namespace FinOps.Core.Budgets;

/// <summary>One audit entry: a budget created, changed or removed, with the whole budget before and after.</summary>
/// <param name="Id">Increasing sequence number.</param>
/// <param name="BudgetId">The budget.</param>
/// <param name="Action"><c>create</c>, <c>update</c> or <c>delete</c>.</param>
/// <param name="Before">The budget before (null when created).</param>
/// <param name="After">The budget after (null when removed).</param>
/// <param name="ChangedBy">Who.</param>
/// <param name="Source">From where: chat, rules or CLI.</param>
/// <param name="Detail">The conversation, rules file or machine, when known.</param>
/// <param name="ChangedAt">When.</param>
public sealed record BudgetChange(
    long Id,
    string BudgetId,
    string Action,
    BudgetDefinition? Before,
    BudgetDefinition? After,
    string ChangedBy,
    BudgetChangeSource Source,
    string? Detail,
    DateTimeOffset ChangedAt);
