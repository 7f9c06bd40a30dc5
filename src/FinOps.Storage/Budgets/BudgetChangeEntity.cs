namespace FinOps.Storage.Budgets;

/// <summary>One row of the append-only budget audit (triggers refuse UPDATE and DELETE).</summary>
public sealed class BudgetChangeEntity
{
    public long Id { get; set; }

    public required string BudgetId { get; set; }

    /// <summary><c>create</c>, <c>update</c> or <c>delete</c>.</summary>
    public required string Action { get; set; }

    public string? BeforeJson { get; set; }

    public string? AfterJson { get; set; }

    public required string ChangedBy { get; set; }

    /// <summary><c>chat</c>, <c>rules</c> or <c>cli</c>.</summary>
    public required string Source { get; set; }

    public string? Detail { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
