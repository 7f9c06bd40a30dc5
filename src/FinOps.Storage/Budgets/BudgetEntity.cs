namespace FinOps.Storage.Budgets;

/// <summary>A stored budget: its id and team for lookups, the whole definition as <c>BudgetJson</c>.</summary>
public sealed class BudgetEntity
{
    public required string Id { get; set; }

    public string? Team { get; set; }

    public required string DefinitionJson { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
