using FinOps.Storage.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.Tests;

public sealed class MigrationTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task EnsureReadyAsync_EmptyFolder_CreatesFileAppliesAllMigrationsAndWal()
    {
        await _db.Database.EnsureReadyAsync(CancellationToken.None);

        Assert.True(File.Exists(_db.Database.DatabasePath));
        await using (var context = _db.Database.CreateContext())
        {
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
            Assert.NotEmpty(await context.Database.GetAppliedMigrationsAsync());
        }

        await using var connection = new SqliteConnection(_db.Database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Subset(
            new HashSet<string>(tables),
            new HashSet<string> { "BillingSlices", "CostFactSegments", "DimensionValues", "IdempotencyKeys", "ImportSlices", "Imports", "OutboxMessages", "TagSets", "__EFMigrationsHistory" });
        Assert.DoesNotContain("CostFacts", tables);
        Assert.DoesNotContain("LegacyCostFacts", tables);
        await using var journal = connection.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await journal.ExecuteScalarAsync());
    }

    [Fact]
    public async Task EnsureReadyAsync_MigrateOnStartFalseAndPending_FailsNamingSettingAndVerb_ThenMigrateStarts()
    {
        var options = Microsoft.Extensions.Options.Options.Create(
            new StorageOptions { DatabasePath = Path.Combine(_db.Folder, "no-migrate", "finops.db"), MigrateOnStart = false });
        using var refused = new CostDatabase(options);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => refused.EnsureReadyAsync(CancellationToken.None));
        using var migrated = new CostDatabase(options);
        var applied = await migrated.MigrateAsync(CancellationToken.None);
        using var restarted = new CostDatabase(options);
        await restarted.EnsureReadyAsync(CancellationToken.None);

        Assert.Contains("Storage:MigrateOnStart is false", error.Message, StringComparison.Ordinal);
        Assert.Contains("'migrate'", error.Message, StringComparison.Ordinal);
        Assert.Contains("_InitialCreate", error.Message, StringComparison.Ordinal);
        Assert.Contains(applied, m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));
    }

    [Fact]
    public void Migrations_CoverTheModel_NoPendingChanges()
    {
        using var context = _db.Database.CreateContext();

        Assert.False(context.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task EnsureReadyAsync_Twice_IsHarmless()
    {
        await _db.Database.EnsureReadyAsync(CancellationToken.None);
        await _db.Database.EnsureReadyAsync(CancellationToken.None);

        await using var context = _db.Database.CreateContext();
        Assert.Equal(0, await context.CostFactSegments.CountAsync());
    }

    [Fact]
    public async Task Indexes_ServeSliceReplacement()
    {
        await _db.Database.EnsureReadyAsync(CancellationToken.None);
        await using var connection = new SqliteConnection(_db.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'CostFactSegments'";
        var indexes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            indexes.Add(reader.GetString(0));
        }

        Assert.Equal(["IX_CostFactSegments_SliceId"], indexes);
    }
}
