namespace FinOps.Storage.Approvals;

/// <summary>Row of <c>ApprovalAudit</c>: append-only; triggers made by the migration abort any UPDATE or DELETE.</summary>
public sealed class ApprovalAuditEntity
{
    public long Sequence { get; set; }

    public required string RequestId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Kind { get; set; }

    public required string Actor { get; set; }

    public string? Note { get; set; }

    public decimal? AmountBefore { get; set; }

    public decimal? AmountAfter { get; set; }

    public required string Currency { get; set; }

    public required string Channel { get; set; }

    public string? MessageId { get; set; }
}
