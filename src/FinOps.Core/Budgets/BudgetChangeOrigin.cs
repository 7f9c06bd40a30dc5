namespace FinOps.Core.Budgets;

/// <summary>Who makes a budget change and from where.</summary>
/// <param name="ChangedBy">The directory key of the person (e-mail), or the OS user for the CLI, or the rules file.</param>
/// <param name="Source">Chat, rules or CLI.</param>
/// <param name="Detail">The conversation (<c>slack C05PAYMENTS</c>), the rules file path, or the CLI's machine; may be null.</param>
public sealed record BudgetChangeOrigin(string ChangedBy, BudgetChangeSource Source, string? Detail = null);
