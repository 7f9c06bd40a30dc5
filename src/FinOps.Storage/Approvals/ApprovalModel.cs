using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.Approvals;

/// <summary>The approval tables of the cost store (the approvals migration adds triggers that keep the audit append-only).</summary>
public static class ApprovalModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ApprovalRequestEntity>(e =>
        {
            e.ToTable("ApprovalRequests");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Status);
            e.HasIndex(x => new { x.BudgetId, x.PeriodStart });
        });

        modelBuilder.Entity<ApprovalAuditEntity>(e =>
        {
            e.ToTable("ApprovalAudit");
            e.HasKey(x => x.Sequence);
            e.HasIndex(x => x.RequestId);
        });

        modelBuilder.Entity<ApprovalMessageEntity>(e =>
        {
            e.ToTable("ApprovalMessages");
            e.HasKey(x => new { x.RequestId, x.Channel, x.MessageId });
        });
    }
}
