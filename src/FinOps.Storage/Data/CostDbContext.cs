using FinOps.Storage.Anomalies;
using FinOps.Storage.Approvals;
using FinOps.Storage.Budgets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FinOps.Storage.Data;

/// <summary>The bot's SQLite database: cost facts and their dictionaries, import history, reliability tables.</summary>
/// <remarks>
/// Fact segments carry plain integer references without foreign-key constraints: they are written in bulk by
/// <see cref="Import.CostImporter"/> inside one transaction, which keeps them consistent. Times are stored as UTC ticks so SQLite can compare and order them.
/// Not sealed for one reason: PostgreSQL keeps its own migrations, which EF Core finds by context type, so
/// <see cref="PostgreSql.PgCostDbContext"/> derives from this with the same model.
/// </remarks>
public class CostDbContext : DbContext
{
    public CostDbContext(DbContextOptions<CostDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's derived context (<see cref="PostgreSql.PgCostDbContext"/>).</summary>
    protected CostDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<DimensionValueEntity> DimensionValues => Set<DimensionValueEntity>();

    public DbSet<TagSetEntity> TagSets => Set<TagSetEntity>();

    public DbSet<BillingSliceEntity> BillingSlices => Set<BillingSliceEntity>();

    public DbSet<ImportEntity> Imports => Set<ImportEntity>();

    public DbSet<ImportSliceEntity> ImportSlices => Set<ImportSliceEntity>();

    public DbSet<CostFactSegmentEntity> CostFactSegments => Set<CostFactSegmentEntity>();

    public DbSet<IdempotencyKeyEntity> IdempotencyKeys => Set<IdempotencyKeyEntity>();

    public DbSet<OutboxEntity> OutboxMessages => Set<OutboxEntity>();

    public DbSet<ChannelRecordEntity> ChannelRecords => Set<ChannelRecordEntity>();

    public DbSet<AllocationRunEntity> AllocationRuns => Set<AllocationRunEntity>();

    public DbSet<BusinessMetricEntity> BusinessMetrics => Set<BusinessMetricEntity>();

    public DbSet<BusinessMetricImportEntity> BusinessMetricImports => Set<BusinessMetricImportEntity>();

    public DbSet<BudgetEntity> Budgets => Set<BudgetEntity>();

    public DbSet<BudgetChangeEntity> BudgetChanges => Set<BudgetChangeEntity>();

    public DbSet<ApprovalRequestEntity> ApprovalRequests => Set<ApprovalRequestEntity>();

    public DbSet<ApprovalAuditEntity> ApprovalAudit => Set<ApprovalAuditEntity>();

    public DbSet<ApprovalMessageEntity> ApprovalMessages => Set<ApprovalMessageEntity>();

    public DbSet<IngestionRunEntity> IngestionRuns => Set<IngestionRunEntity>();

    public DbSet<IngestionSourceStateEntity> IngestionSources => Set<IngestionSourceStateEntity>();

    public DbSet<IngestionFreshnessEntity> IngestionFreshness => Set<IngestionFreshnessEntity>();

    public DbSet<AnomalyAlertEntity> AnomalyAlerts => Set<AnomalyAlertEntity>();

    public DbSet<AnomalyAlertCopyEntity> AnomalyAlertCopies => Set<AnomalyAlertCopyEntity>();

    public DbSet<AnomalyFeedbackEntity> AnomalyFeedback => Set<AnomalyFeedbackEntity>();

    /// <summary>ASP.NET Core Data Protection's key ring (it encrypts stored Slack tokens): in the store, so every replica reads the same keys.</summary>
    public DbSet<DataProtectionKeyEntity> DataProtectionKeys => Set<DataProtectionKeyEntity>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<DimensionValueEntity>(e =>
        {
            e.ToTable("DimensionValues");
            e.HasIndex(x => x.Value).IsUnique();
        });

        modelBuilder.Entity<TagSetEntity>(e =>
        {
            e.ToTable("TagSets");
            e.HasIndex(x => x.Json).IsUnique();
        });

        modelBuilder.Entity<BillingSliceEntity>(e =>
        {
            e.ToTable("BillingSlices");
            e.HasIndex(x => new { x.ProviderRef, x.BillingAccountIdRef, x.BillingPeriodStart }).IsUnique();
        });

        modelBuilder.Entity<ImportEntity>(e =>
        {
            e.ToTable("Imports");
            e.HasIndex(x => x.Sha256);
        });

        modelBuilder.Entity<ImportSliceEntity>(e =>
        {
            e.ToTable("ImportSlices");
            e.HasKey(x => new { x.ImportId, x.SliceId });
            e.HasIndex(x => x.SliceId);
            e.HasOne<ImportEntity>().WithMany().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<BillingSliceEntity>().WithMany().HasForeignKey(x => x.SliceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CostFactSegmentEntity>(e =>
        {
            e.ToTable("CostFactSegments");
            e.HasIndex(x => x.SliceId);
        });

        modelBuilder.Entity<IngestionRunEntity>(e =>
        {
            e.ToTable("IngestionRuns");
            e.HasIndex(x => new { x.Source, x.RunKey }).IsUnique();
        });

        modelBuilder.Entity<IngestionSourceStateEntity>(e =>
        {
            e.ToTable("IngestionSources");
            e.HasKey(x => x.Source);
        });

        modelBuilder.Entity<IngestionFreshnessEntity>(e =>
        {
            e.ToTable("IngestionFreshness");
            e.HasKey(x => new { x.Source, x.Provider, x.BillingAccountId });
        });

        modelBuilder.Entity<ChannelRecordEntity>(e =>
        {
            e.ToTable("ChannelRecords");
            e.HasKey(x => new { x.Kind, x.Key });
        });

        modelBuilder.Entity<AllocationRunEntity>(e =>
        {
            e.ToTable("AllocationRuns");
            e.HasIndex(x => x.AppliedAt);
        });

        modelBuilder.Entity<BusinessMetricImportEntity>(e =>
        {
            e.ToTable("BusinessMetricImports");
            e.HasIndex(x => x.SourceFile);
        });

        modelBuilder.Entity<BusinessMetricEntity>(e =>
        {
            e.ToTable("BusinessMetrics");
            e.HasIndex(x => new { x.Metric, x.Team, x.Date });
            e.HasOne<BusinessMetricImportEntity>().WithMany().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<BudgetEntity>(e =>
        {
            e.ToTable("Budgets");
            e.HasIndex(x => x.Team);
        });

        modelBuilder.Entity<BudgetChangeEntity>(e =>
        {
            e.ToTable("BudgetChanges");
            e.HasIndex(x => x.BudgetId);
        });

        modelBuilder.Entity<IdempotencyKeyEntity>(e =>
        {
            e.ToTable("IdempotencyKeys");
            e.HasKey(x => new { x.Scope, x.Key });
        });

        modelBuilder.Entity<OutboxEntity>(e =>
        {
            e.ToTable("OutboxMessages");
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
            e.HasIndex(x => new { x.Channel, x.Status, x.NextAttemptAt });
        });

        modelBuilder.Entity<DataProtectionKeyEntity>(e => e.ToTable("DataProtectionKeys"));

        ApprovalModel.Configure(modelBuilder);
        AnomalyAlertModel.Configure(modelBuilder);
        AnomalyFeedbackModel.Configure(modelBuilder);
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
