using FinOps.Storage.Data;
using FinOps.Storage.Queue;
using FinOps.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FinOps.Storage.Tests.PostgreSql;

/// <summary>The store on PostgreSQL: its own migrations, one database for the cost store and the queues, MigrateOnStart.</summary>
public sealed class PostgreSqlStoreTests : IDisposable
{
    private readonly string _connectionString = PostgreSqlCluster.Shared.CreateDatabase();

    public void Dispose() => PostgreSqlCluster.Shared.DropDatabase(_connectionString);

    [Fact]
    public async Task MigrateAsync_EmptyDatabase_AppliesPostgreSqlMigrationsOfBothParts_ThenNothing()
    {
        var migrator = Migrator(Options(migrateOnStart: true));

        var applied = await migrator.MigrateAsync(CancellationToken.None);
        var again = await Migrator(Options(migrateOnStart: true)).MigrateAsync(CancellationToken.None);

        Assert.Contains(applied, m => m.StartsWith("cost: ", StringComparison.Ordinal) && m.EndsWith("_PgInitial", StringComparison.Ordinal));
        Assert.Contains(applied, m => m.StartsWith("queue: ", StringComparison.Ordinal) && m.EndsWith("_PgInitialQueue", StringComparison.Ordinal));
        Assert.Empty(again);
        Assert.Equal(["public", "queue"], await ScalarsAsync(
            "SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_name = '__EFMigrationsHistory' ORDER BY 1"));
        Assert.Equal(["queue"], await ScalarsAsync(
            "SELECT table_schema FROM information_schema.tables WHERE table_name = 'QueuedMessages'"));
    }

    [Fact]
    public async Task EnsureReadyAsync_MigrateOnStartFalseAndPending_FailsNamingSettingAndVerb_WithoutPassword()
    {
        var options = Options(migrateOnStart: false);
        using var database = new CostDatabase(options);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.EnsureReadyAsync(CancellationToken.None));

        Assert.Contains("Storage:MigrateOnStart is false", error.Message, StringComparison.Ordinal);
        Assert.Contains("'migrate'", error.Message, StringComparison.Ordinal);
        Assert.Contains("PgInitial", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgreSqlCluster.Shared.Password, error.Message, StringComparison.Ordinal);
        Assert.Empty(await ScalarsAsync("SELECT table_name FROM information_schema.tables WHERE table_name = 'Budgets'"));
    }

    [Fact]
    public async Task EnsureReadyAsync_MigrateOnStartFalseAfterMigrate_Starts()
    {
        await Migrator(Options(migrateOnStart: true)).MigrateAsync(CancellationToken.None);
        using var database = new CostDatabase(Options(migrateOnStart: false));
        using var queue = new QueueDatabase(Options(migrateOnStart: false), TimeProvider.System);

        await database.EnsureReadyAsync(CancellationToken.None);
        await queue.EnsureReadyAsync(CancellationToken.None);

        await using var context = database.CreateContext();
        Assert.Equal(0, await context.Budgets.CountAsync());
    }

    [Fact]
    public async Task MigrateAsync_UnreachableServer_FailsWithoutPassword()
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString) { Port = 1, Timeout = 2 };
        var options = Microsoft.Extensions.Options.Options.Create(new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = builder.ConnectionString });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Migrator(options).MigrateAsync(CancellationToken.None));

        Assert.DoesNotContain(PostgreSqlCluster.Shared.Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSqlMigrations_CoverTheModel_NoPendingChanges()
    {
        using var costs = new CostDatabase(Options(migrateOnStart: true));
        using var queues = new QueueDatabase(Options(migrateOnStart: true), TimeProvider.System);
        using var cost = costs.CreateContext();
        using var queue = queues.CreateContext();

        Assert.IsType<FinOps.Storage.PostgreSql.PgCostDbContext>(cost);
        Assert.False(cost.Database.HasPendingModelChanges());
        Assert.False(queue.Database.HasPendingModelChanges());
    }

    [Theory]
    [InlineData("UPDATE \"BudgetChanges\" SET \"ChangedBy\" = 'x'", "BudgetChanges is append-only: entries cannot be updated")]
    [InlineData("DELETE FROM \"ApprovalAudit\"", "ApprovalAudit is append-only: entries cannot be deleted")]
    [InlineData("TRUNCATE \"AnomalyFeedback\"", "AnomalyFeedback is append-only: entries cannot be truncated")]
    public async Task AuditTables_RawUpdateDeleteOrTruncate_RefusedByTrigger(string sql, string message)
    {
        await Migrator(Options(migrateOnStart: true)).MigrateAsync(CancellationToken.None);
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains(message, error.MessageText, StringComparison.Ordinal);
    }

    private static StoreMigrator Migrator(IOptions<StorageOptions> options) =>
        new(new CostDatabase(options), new QueueDatabase(options, TimeProvider.System));

    private IOptions<StorageOptions> Options(bool migrateOnStart) => Microsoft.Extensions.Options.Options.Create(
        new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = _connectionString, MigrateOnStart = migrateOnStart });

    private async Task<List<string>> ScalarsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
