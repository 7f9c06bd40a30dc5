using FinOps.Storage.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FinOps.Storage.Queue;

/// <summary>The queue file: queued work and messages, idempotency keys, chat channel records, and markers of one-time steps.</summary>
/// <remarks>
/// Kept apart from <see cref="CostDbContext"/> so a long import holding the cost store's write lock never delays
/// storing inbound work. Times are stored as UTC ticks so SQLite can compare and order them.
/// Not sealed for one reason: PostgreSQL keeps its own migrations, which EF Core finds by context type, so
/// <see cref="PostgreSql.PgQueueDbContext"/> derives from this with the same model (in schema <c>queue</c>).
/// </remarks>
public class QueueDbContext : DbContext
{
    public QueueDbContext(DbContextOptions<QueueDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's derived context (<see cref="PostgreSql.PgQueueDbContext"/>).</summary>
    protected QueueDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<QueuedMessageEntity> Messages => Set<QueuedMessageEntity>();

    public DbSet<IdempotencyKeyEntity> IdempotencyKeys => Set<IdempotencyKeyEntity>();

    /// <summary>Chat adapters' records (Teams conversation references, Slack installations): Teams writes one per inbound activity.</summary>
    public DbSet<ChannelRecordEntity> ChannelRecords => Set<ChannelRecordEntity>();

    public DbSet<QueueMarkerEntity> Markers => Set<QueueMarkerEntity>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<QueuedMessageEntity>(e =>
        {
            e.ToTable("QueuedMessages");
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
            e.HasIndex(x => new { x.Channel, x.Status, x.NextAttemptAt });
            e.HasIndex(x => new { x.Status, x.FinishedAt });
        });

        modelBuilder.Entity<IdempotencyKeyEntity>(e =>
        {
            e.ToTable("IdempotencyKeys");
            e.HasKey(x => new { x.Scope, x.Key });
        });

        modelBuilder.Entity<ChannelRecordEntity>(e =>
        {
            e.ToTable("ChannelRecords");
            e.HasKey(x => new { x.Kind, x.Key });
        });

        modelBuilder.Entity<QueueMarkerEntity>(e =>
        {
            e.ToTable("QueueMarkers");
            e.HasKey(x => x.Name);
        });
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
