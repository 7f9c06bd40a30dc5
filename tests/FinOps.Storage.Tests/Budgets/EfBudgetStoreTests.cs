using System.Data.Common;
using FinOps.Core.Allocation;
using FinOps.Core.Budgets;
using FinOps.Core.Query;
using FinOps.Storage.Budgets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Storage.Tests.Budgets;

/// <remarks>On SQLite; <see cref="PostgreSql.EfBudgetStorePostgreSqlTests"/> runs the same tests on PostgreSQL.</remarks>
public class EfBudgetStoreTests : IDisposable
{
    private readonly TestDatabase _db;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public EfBudgetStoreTests()
        : this(StorageProvider.Sqlite)
    {
    }

    protected EfBudgetStoreTests(StorageProvider provider) => _db = new TestDatabase(provider: provider);

    public void Dispose()
    {
        _db.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task SetAsync_CreateUpdateRemove_AuditsWhoWhenBeforeAfterAndWhere()
    {
        var store = new EfBudgetStore(_db.Database, _clock);
        var first = BudgetDefinition.ForTeam("payments", 25_000m);
        var second = first with { Amount = 30_000m, Period = BudgetPeriod.Month };

        await store.SetAsync(first, new BudgetChangeOrigin("ana@example.com", BudgetChangeSource.Chat, "slack C05PAYMENTS"), default);
        _clock.Advance(TimeSpan.FromHours(1));
        await store.SetAsync(second, new BudgetChangeOrigin("ops", BudgetChangeSource.Cli, "host1"), default);
        _clock.Advance(TimeSpan.FromHours(1));
        await store.RemoveAsync(first.Id, new BudgetChangeOrigin("rules", BudgetChangeSource.Rules, "/etc/allocation.yaml"), default);

        var changes = await store.ListChangesAsync(first.Id, default);
        Assert.Equal(["create", "update", "delete"], changes.Select(c => c.Action));
        Assert.Equal([BudgetChangeSource.Chat, BudgetChangeSource.Cli, BudgetChangeSource.Rules], changes.Select(c => c.Source));
        Assert.Equal(["ana@example.com", "ops", "rules"], changes.Select(c => c.ChangedBy));
        Assert.Equal("slack C05PAYMENTS", changes[0].Detail);
        Assert.Null(changes[0].Before);
        Assert.Equal(25_000m, changes[0].After!.Amount);
        Assert.Equal(25_000m, changes[1].Before!.Amount);
        Assert.Equal(30_000m, changes[1].After!.Amount);
        Assert.Null(changes[2].After);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero), changes[2].ChangedAt);
        Assert.Empty(await store.ListAsync(default));
    }

    [Fact]
    public async Task SetAsync_TwoPeopleCreateTheSameBudgetAtOnce_OneCreateThenOneUpdateNoError()
    {
        await _db.Database.EnsureReadyAsync(default);
        using var other = new Data.CostDatabase(_db.Options);
        var stores = new[] { new EfBudgetStore(_db.Database, _clock), new EfBudgetStore(other, _clock) };
        const int Rounds = 12;
        for (var round = 0; round < Rounds; round++)
        {
            var ana = BudgetDefinition.ForTeam($"team{round}", 25_000m);
            var ben = ana with { Amount = 30_000m };
            using var start = new Barrier(2);
            var results = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(); return stores[0].SetAsync(ana, new BudgetChangeOrigin("ana@example.com", BudgetChangeSource.Chat), default); }),
                Task.Run(() => { start.SignalAndWait(); return stores[1].SetAsync(ben, new BudgetChangeOrigin("ben@example.com", BudgetChangeSource.Cli), default); }));

            var changes = await stores[0].ListChangesAsync(ana.Id, default);
            Assert.Equal(["create", "update"], changes.Select(c => c.Action));
            Assert.Equal(changes.Select(c => c.Id).Order(), results.Select(r => r!.Id).Order());
            Assert.Equal(changes[0].After, changes[1].Before);
            Assert.Equal(changes[1].After, await stores[1].FindAsync(ana.Id, default));
        }
    }

    [Fact]
    public async Task SetAsync_SameBudgetTwiceAtOnce_OneCreateAndNothingElse()
    {
        await _db.Database.EnsureReadyAsync(default);
        using var other = new Data.CostDatabase(_db.Options);
        var stores = new[] { new EfBudgetStore(_db.Database, _clock), new EfBudgetStore(other, _clock) };
        for (var round = 0; round < 12; round++)
        {
            var budget = BudgetDefinition.ForTeam($"team{round}", 25_000m);
            using var start = new Barrier(2);
            var results = await Task.WhenAll(stores.Select(store => Task.Run(() =>
            {
                start.SignalAndWait();
                return store.SetAsync(budget, new BudgetChangeOrigin("ana@example.com", BudgetChangeSource.Chat), default);
            })));

            Assert.Single(results, r => r is not null);
            Assert.Equal("create", Assert.Single(await stores[0].ListChangesAsync(budget.Id, default)).Action);
        }
    }

    [Fact]
    public async Task SetAsync_SameBudgetAgain_NothingAudited()
    {
        var store = new EfBudgetStore(_db.Database, _clock);
        var origin = new BudgetChangeOrigin("ana@example.com", BudgetChangeSource.Chat);
        await store.SetAsync(BudgetDefinition.ForTeam("payments", 25_000m), origin, default);

        var again = await store.SetAsync(BudgetDefinition.ForTeam("payments", 25_000m), origin, default);

        Assert.Null(again);
        Assert.Single(await store.ListChangesAsync(null, default));
    }

    [Fact]
    public async Task SetAsync_AfterRestart_BudgetAndScopeReadBack()
    {
        var budget = BudgetDefinition.ForTeam("payments", 60_000m, BudgetPeriod.Quarter, CostMetric.BilledCost, "eur") with
        {
            ActualThresholds = [50m, 90m],
        };
        await new EfBudgetStore(_db.Database, _clock).SetAsync(budget, new BudgetChangeOrigin("ops", BudgetChangeSource.Cli), default);

        using var reopened = new FinOps.Storage.Data.CostDatabase(_db.Options);
        var read = Assert.Single(await new EfBudgetStore(reopened, _clock).ListAsync(default));

        Assert.Equal(budget, read);
        Assert.Equal("payments-quarter", read.Id);
        Assert.Equal("EUR", read.Currency);
        Assert.Equal(["payments"], read.Scope[Dimension.Team]);
        Assert.Equal([50m, 90m], read.ActualThresholds);
    }

    [Fact]
    public async Task BudgetChanges_UpdateOrDelete_RefusedByTheDatabase()
    {
        var store = new EfBudgetStore(_db.Database, _clock);
        await store.SetAsync(BudgetDefinition.ForTeam("payments", 25_000m), new BudgetChangeOrigin("ops", BudgetChangeSource.Cli), default);
        await using var context = _db.Database.CreateContext();

        // Quoted names and DbException: the same statements on SQLite and PostgreSQL.
        var update = await Assert.ThrowsAnyAsync<DbException>(() => context.Database.ExecuteSqlRawAsync("UPDATE \"BudgetChanges\" SET \"ChangedBy\" = 'mallory'"));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => context.Database.ExecuteSqlRawAsync("DELETE FROM \"BudgetChanges\""));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Equal("ops", Assert.Single(await store.ListChangesAsync(null, default)).ChangedBy);
    }

    [Fact]
    public async Task SyncAsync_RulesBudgets_AppliedOnceAuditedAsRulesAndChatOverrideKept()
    {
        var store = new EfBudgetStore(_db.Database, _clock);
        var source = new AllocationRuleSource(Rules(25_000m));
        using var sync = new BudgetRulesSync(store, source);

        var applied = await sync.SyncAsync(default);
        await store.SetAsync(BudgetDefinition.ForTeam("payments", 27_000m), new BudgetChangeOrigin("ana@example.com", BudgetChangeSource.Chat), default);
        source.Update(Rules(25_000m));
        var reapplied = await sync.SyncAsync(default);

        var change = Assert.Single(applied);
        Assert.Equal(BudgetChangeSource.Rules, change.Source);
        Assert.Equal("allocation.yaml", change.Detail);
        Assert.Empty(reapplied);
        Assert.Equal(27_000m, (await store.FindAsync("payments-month", default))!.Amount);

        source.Update(Rules(26_000m));
        await sync.SyncAsync(default);
        Assert.Equal(26_000m, (await store.FindAsync("payments-month", default))!.Amount);

        source.Update(AllocationRulesParser.Parse("version: 1\nteams:\n  - key: payments\n", "allocation.yaml"));
        var removed = Assert.Single(await sync.SyncAsync(default));
        Assert.Equal("delete", removed.Action);
        Assert.Empty(await store.ListAsync(default));
    }

    private static AllocationRules Rules(decimal amount) => AllocationRulesParser.Parse(
        $"version: 1\nteams:\n  - key: payments\nbudgets:\n  - team: payments\n    amount: {amount}\n", "allocation.yaml");
}
