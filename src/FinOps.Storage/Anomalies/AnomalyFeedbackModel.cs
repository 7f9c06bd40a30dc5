using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.Anomalies;

/// <summary>The anomaly feedback table of the cost store (its migration adds triggers that keep it append-only).</summary>
public static class AnomalyFeedbackModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<AnomalyFeedbackEntity>(e =>
        {
            e.ToTable("AnomalyFeedback");
            e.HasKey(x => x.Sequence);
            // One entry per incident and kind: a double click (or a second person's same click) is not recorded again.
            e.HasIndex(x => new { x.IncidentId, x.Kind }).IsUnique();
            e.HasIndex(x => new { x.Team, x.Service });
        });
    }
}
