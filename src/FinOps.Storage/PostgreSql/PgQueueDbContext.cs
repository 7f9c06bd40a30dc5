using FinOps.Storage.Queue;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.PostgreSql;

/// <summary>
/// <see cref="QueueDbContext"/> on PostgreSQL: the same model in schema <c>queue</c> of the one database (the cost store
/// has legacy tables of the same names), its own migrations (PostgreSql/Migrations/Queue) and history table.
/// </summary>
public sealed class PgQueueDbContext(DbContextOptions<PgQueueDbContext> options) : QueueDbContext(options)
{
    public const string Schema = "queue";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        base.OnModelCreating(modelBuilder);
    }
}
