using System.Globalization;
using FinOps.Core.Query;
using FinOps.Storage.Costs;
using FinOps.Storage.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace FinOps.Storage.Tests;

/// <summary>A store made before fact segments (kept as LegacyCostFacts by the FactSegments migration) is converted by <see cref="CostDatabase.EnsureReadyAsync"/>.</summary>
public sealed class LegacyRowFactsTests : IDisposable
{
    private const string LegacyTable = "LegacyCostFacts";
    private const string LastRowMigration = "20261123095600_AllocationRunsAndCommitmentStatus";
    private static readonly DateRange January = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1));

    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task EnsureReadyAsync_RowFactsStore_ConvertsEveryFactAndDropsTheRows()
    {
        var facts = await CreateRowStoreAsync();

        await _db.Database.EnsureReadyAsync(CancellationToken.None);

        var tables = await TablesAsync();
        Assert.DoesNotContain("CostFacts", tables);
        Assert.DoesNotContain(LegacyTable, tables);
        Assert.Contains("CostFactSegments", tables);
        await using (var context = _db.Database.CreateContext())
        {
            Assert.Equal(facts.Count, await context.CostFactSegments.SumAsync(s => (long)s.Facts));
            Assert.Equal(3, await context.CostFactSegments.Select(s => s.SliceId).Distinct().CountAsync());
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        }

        await AssertQueriesMatchAsync(_db.Database, facts);
    }

    [Fact]
    public async Task EnsureReadyAsync_SliceLargerThanASegment_SplitsIntoSegmentsOfAtMostMaxFacts()
    {
        // 3 slices in turn: 50,000 rows give each slice more facts than one segment holds (16,384).
        var facts = await CreateRowStoreAsync(rows: 50_000);

        await _db.Database.EnsureReadyAsync(CancellationToken.None);

        var segments = await SegmentsAsync();
        Assert.Equal(facts.Count, segments.Sum(s => s.Facts));
        Assert.All(segments, s => Assert.InRange(s.Facts, 1, 16_384));
        Assert.Equal(6, segments.Count);
        await AssertQueriesMatchAsync(_db.Database, facts);
    }

    [Fact]
    public async Task EnsureReadyAsync_ConvertedStore_SecondStartIsNoOp()
    {
        var facts = await CreateRowStoreAsync();
        await _db.Database.EnsureReadyAsync(CancellationToken.None);
        var before = await SegmentsAsync();

        // Same process again, then a new process (new CostDatabase) on the same file.
        await _db.Database.EnsureReadyAsync(CancellationToken.None);
        using var restarted = new CostDatabase(Options.Create(new StorageOptions { DatabasePath = _db.Database.DatabasePath }));
        await restarted.EnsureReadyAsync(CancellationToken.None);

        Assert.Equal(before, await SegmentsAsync());
        await AssertQueriesMatchAsync(restarted, facts);
    }

    [Fact]
    public async Task EnsureReadyAsync_TwoProcessesAtOnce_ConvertOnce()
    {
        var facts = await CreateRowStoreAsync();
        using var first = new CostDatabase(Options.Create(new StorageOptions { DatabasePath = _db.Database.DatabasePath }));
        using var second = new CostDatabase(Options.Create(new StorageOptions { DatabasePath = _db.Database.DatabasePath }));

        await Task.WhenAll(
            Task.Run(() => first.EnsureReadyAsync(CancellationToken.None)),
            Task.Run(() => second.EnsureReadyAsync(CancellationToken.None)));

        Assert.DoesNotContain(LegacyTable, await TablesAsync());
        await using (var context = _db.Database.CreateContext())
        {
            Assert.Equal(facts.Count, await context.CostFactSegments.SumAsync(s => (long)s.Facts));
        }

        await AssertQueriesMatchAsync(second, facts);
    }

    [Fact]
    public async Task EnsureReadyAsync_RowStoreWithoutFacts_DropsTheEmptyTable()
    {
        await MigrateToRowStoreAsync();

        await _db.Database.EnsureReadyAsync(CancellationToken.None);

        Assert.DoesNotContain(LegacyTable, await TablesAsync());
        Assert.Empty(await SegmentsAsync());
    }

    private static async Task AssertQueriesMatchAsync(CostDatabase database, IReadOnlyList<LegacyFact> facts)
    {
        using var store = new SqliteCostStore(database, new TagTeamAssignment());
        foreach (var (dimension, keyOf) in new (Dimension, Func<LegacyFact, string>)[]
        {
            (Dimension.Provider, f => f.Provider),
            (Dimension.Service, f => f.Service ?? CostCube.None),
            (Dimension.Team, f => f.Team ?? TagTeamAssignment.Unallocated),
        })
        {
            foreach (var metric in new[] { CostMetric.EffectiveCost, CostMetric.BilledCost })
            {
                var expected = facts
                    .GroupBy(keyOf)
                    .Select(g => (Key: g.Key, Total: g.Sum(f => metric == CostMetric.BilledCost ? f.Billed : f.Effective)))
                    .OrderBy(x => x.Key, StringComparer.Ordinal)
                    .ToList();

                var result = await store.QueryAsync(new CostQuery { Period = January, Metric = metric, GroupBy = [dimension] }, CancellationToken.None);

                var usd = Assert.Single(result.ByCurrency);
                Assert.Equal("USD", usd.Currency);
                Assert.Null(usd.Other);
                Assert.Equal(expected.Sum(x => x.Total), usd.Total);
                Assert.Equal(expected, usd.Rows.Select(r => (Key: r.Key[0], Total: r.Value)).OrderBy(x => x.Key, StringComparer.Ordinal).ToList());
            }
        }
    }

    /// <summary>Migrates to the last schema with row facts and fills it as that version's importer would have.</summary>
    private async Task<IReadOnlyList<LegacyFact>> CreateRowStoreAsync(int rows = 420)
    {
        await MigrateToRowStoreAsync();
        await using var connection = await OpenAsync();
        await using var transaction = connection.BeginTransaction();
        Execute(connection, transaction,
            "INSERT INTO DimensionValues (Id, Value) VALUES " +
            "(1, 'AWS'), (2, 'Azure'), (3, '111'), (4, '222'), (5, 'EC2'), (6, 'S3'), (7, 'Virtual Machines'), " +
            "(8, 'USD'), (9, 'Usage'), (10, 'Credit'), (11, 'Acme 111'), (12, 'us-east-1'), (13, 'Compute')");
        Execute(connection, transaction,
            "INSERT INTO TagSets (Id, Json) VALUES (1, '{}'), (2, '{\"team\":\"payments\"}'), (3, '{\"team\":\"search\",\"env\":\"prod\"}')");
        Execute(connection, transaction,
            "INSERT INTO BillingSlices (Id, ProviderRef, BillingAccountIdRef, BillingPeriodStart) VALUES " +
            "(1, 1, 3, '2026-01-01'), (2, 1, 4, '2026-01-01'), (5, 2, 4, '2026-01-01')");

        (int Slice, string Provider, int Service)[] slices = [(1, "AWS", 5), (2, "AWS", 6), (5, "Azure", 7)];
        string[] serviceNames = ["", "", "", "", "", "EC2", "S3", "Virtual Machines"];
        (int Id, string? Team)[] tagSets = [(1, null), (2, "payments"), (3, "search")];
        var facts = new List<LegacyFact>();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            "INSERT INTO CostFacts (SliceId, ChargeDate, BillingAccountNameRef, SubAccountIdRef, SubAccountNameRef, ServiceRef, ServiceCategoryRef, " +
            "RegionRef, ResourceIdRef, ResourceNameRef, ResourceTypeRef, ChargeCategoryRef, PricingCategoryRef, CommitmentDiscountIdRef, TagSetId, " +
            "CurrencyRef, CommitmentDiscountStatusRef, BilledCost, EffectiveCost, ListCost, ContractedCost, RowCount) VALUES " +
            "($slice, $date, $billingName, NULL, NULL, $service, $category, $region, NULL, NULL, NULL, $chargeCategory, NULL, NULL, $tags, 8, NULL, " +
            "$billed, $effective, $list, '0', $rows)";
        var random = new Random(20261123);
        for (var i = 0; i < rows; i++)
        {
            var (slice, provider, service) = slices[i % slices.Length];
            var day = 1 + random.Next(31);
            var (tagSet, team) = tagSets[random.Next(tagSets.Length)];
            var noService = i % 17 == 0;
            var credit = i == 200;
            var effective = credit ? -42.125m : random.Next(0, 1_000_000) / 1000m;
            var effectiveText = effective.ToString(CultureInfo.InvariantCulture);
            if (i == 100)
            {
                // Not what EF Core writes, but what another tool may have: read through the slow parse, exactly.
                (effective, effectiveText) = (0.000015m, "1.5E-05");
            }
            else if (i == 101)
            {
                (effective, effectiveText) = (0.0000008m, "0.00000080000");
            }

            var billed = random.Next(0, 200_000) / 1000m;
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$slice", slice);
            insert.Parameters.AddWithValue("$date", 20260100 + day);
            insert.Parameters.AddWithValue("$billingName", i % 5 == 0 ? DBNull.Value : 11);
            insert.Parameters.AddWithValue("$service", noService ? DBNull.Value : service);
            insert.Parameters.AddWithValue("$category", noService ? DBNull.Value : 13);
            insert.Parameters.AddWithValue("$region", i % 3 == 0 ? DBNull.Value : 12);
            insert.Parameters.AddWithValue("$chargeCategory", credit ? 10 : 9);
            insert.Parameters.AddWithValue("$tags", tagSet);
            // Decimals as EF Core's SQLite provider stored them: invariant TEXT.
            insert.Parameters.AddWithValue("$billed", billed.ToString(CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$effective", effectiveText);
            insert.Parameters.AddWithValue("$list", (effective * 1.2m).ToString(CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$rows", 1 + random.Next(24));
            insert.ExecuteNonQuery();
            facts.Add(new LegacyFact(provider, noService ? null : serviceNames[service], team, billed, effective));
        }

        transaction.Commit();
        Assert.Contains(facts, f => f.Effective < 0);
        return facts;
    }

    private async Task MigrateToRowStoreAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_db.Database.DatabasePath)!);
        await using var context = _db.Database.CreateContext();
        await context.GetService<IMigrator>().MigrateAsync(LastRowMigration);
        Assert.Contains("CostFacts", await TablesAsync());
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(_db.Database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private async Task<List<string>> TablesAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private async Task<List<(long Id, int Slice, int Facts, string Data)>> SegmentsAsync()
    {
        await using var context = _db.Database.CreateContext();
        var segments = await context.CostFactSegments.OrderBy(s => s.Id).ToListAsync();
        return [.. segments.Select(s => (s.Id, s.SliceId, s.Facts, Convert.ToHexString(s.Data)))];
    }

    private sealed record LegacyFact(string Provider, string? Service, string? Team, decimal Billed, decimal Effective);
}
