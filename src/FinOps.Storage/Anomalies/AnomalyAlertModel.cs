using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.Anomalies;

/// <summary>The anomaly alert tables of the cost store.</summary>
public static class AnomalyAlertModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<AnomalyAlertEntity>(e =>
        {
            e.ToTable("AnomalyAlerts");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Status);
            e.HasIndex(x => x.Team);
        });

        modelBuilder.Entity<AnomalyAlertCopyEntity>(e =>
        {
            e.ToTable("AnomalyAlertCopies");
            e.HasKey(x => new { x.IncidentId, x.Channel, x.MessageId });
        });
    }
}
