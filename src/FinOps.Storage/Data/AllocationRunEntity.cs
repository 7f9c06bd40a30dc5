namespace FinOps.Storage.Data;

/// <summary>One application of allocation rules to history: the rules text used and what moved compared to the run before.</summary>
public sealed class AllocationRunEntity
{
    public long Id { get; set; }

    public DateTimeOffset AppliedAt { get; set; }

    /// <summary>The rules file path (or a note for the built-in defaults).</summary>
    public required string RulesSource { get; set; }

    public string? Revision { get; set; }

    /// <summary>The exact rules text applied (empty for the built-in defaults), so the next run can compare against it.</summary>
    public required string RulesText { get; set; }

    public required string Metric { get; set; }

    /// <summary>yyyy-MM-dd of the first day affected, or null when nothing moved.</summary>
    public string? AffectedStart { get; set; }

    /// <summary>yyyy-MM-dd of the exclusive end of the affected period, or null when nothing moved.</summary>
    public string? AffectedEnd { get; set; }

    /// <summary>The moves (team, currency, before, after) as JSON.</summary>
    public required string MovesJson { get; set; }
}
