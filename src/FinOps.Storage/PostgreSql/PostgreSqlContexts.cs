using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.PostgreSql;

/// <summary>The EF Core options of the two contexts on PostgreSQL: one database, a migrations history table per context.</summary>
internal static class PostgreSqlContexts
{
    public static DbContextOptions<PgCostDbContext> CostOptions(string connectionString) =>
        new DbContextOptionsBuilder<PgCostDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory"))
            .Options;

    public static DbContextOptions<PgQueueDbContext> QueueOptions(string connectionString) =>
        new DbContextOptionsBuilder<PgQueueDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", PgQueueDbContext.Schema))
            .Options;
}
