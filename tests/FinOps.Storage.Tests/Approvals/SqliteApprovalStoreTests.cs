using System.Data.Common;
using FinOps.Core.Approvals;
using FinOps.Core.Query;

namespace FinOps.Storage.Tests.Approvals;

/// <remarks>On SQLite; <see cref="PostgreSql.ApprovalStorePostgreSqlTests"/> runs the same tests on PostgreSQL.</remarks>
public class SqliteApprovalStoreTests
{
    private readonly StorageProvider _provider;

    public SqliteApprovalStoreTests()
        : this(StorageProvider.Sqlite)
    {
    }

    protected SqliteApprovalStoreTests(StorageProvider provider) => _provider = provider;

    [Theory]
    [InlineData("UPDATE \"ApprovalAudit\" SET \"Note\" = 'rewritten'", "cannot be updated")]
    [InlineData("UPDATE \"ApprovalAudit\" SET \"AmountAfter\" = '999999'", "cannot be updated")]
    [InlineData("DELETE FROM \"ApprovalAudit\"", "cannot be deleted")]
    public async Task ApprovalAudit_RawUpdateOrDelete_Refused(string sql, string message)
    {
        using var f = new ApprovalFixture(provider: _provider);
        var request = await f.RequestAsync();
        await f.DecideAsync(request.Id, "pat@corp.example", ApprovalAction.Approve);
        var before = await f.Store.AuditAsync(null, CancellationToken.None);

        var error = await Assert.ThrowsAnyAsync<DbException>(() => f.Db.ExecuteAsync(sql));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await f.Store.AuditAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task ApprovalAudit_RawInsert_Allowed()
    {
        using var f = new ApprovalFixture(provider: _provider);
        var inserted = await f.Db.ExecuteAsync(
            "INSERT INTO \"ApprovalAudit\" (\"RequestId\", \"At\", \"Kind\", \"Actor\", \"Currency\", \"Channel\") VALUES ('r', 0, 'requested', 'x', 'USD', 'cli')");

        Assert.Equal(1, inserted);
    }

    [Fact]
    public async Task TryTransitionAsync_StaleVersion_NothingWritten()
    {
        using var f = new ApprovalFixture(provider: _provider);
        var request = await f.RequestAsync();
        var denied = request with { Status = ApprovalStatus.Denied, Version = request.Version + 1 };
        var entry = new ApprovalEvent(0, request.Id, f.Time.GetUtcNow(), ApprovalEventKind.Denied, "pat@corp.example", "no", 2000m, 0m, "USD", "cli", null);

        Assert.True(await f.Store.TryTransitionAsync(denied, request.Version, entry, CancellationToken.None));
        Assert.False(await f.Store.TryTransitionAsync(denied with { Version = denied.Version + 1 }, request.Version, entry, CancellationToken.None));
        Assert.False(await f.Store.TryTransitionAsync(denied with { Version = denied.Version + 1 }, denied.Version, entry, CancellationToken.None));

        Assert.Equal(2, (await f.Store.AuditAsync(request.Id, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task GetApprovedIncreaseAsync_OnlyApprovedOfThatBudgetAndPeriod()
    {
        using var f = new ApprovalFixture(provider: _provider);
        var approved = await f.RequestAsync(1500m);
        await f.DecideAsync(approved.Id, "pat@corp.example", ApprovalAction.Approve);
        var second = await f.RequestAsync(500.25m);
        await f.DecideAsync(second.Id, "ana@corp.example", ApprovalAction.Approve);
        var denied = await f.RequestAsync(700m);
        await f.DecideAsync(denied.Id, "pat@corp.example", ApprovalAction.Deny, note: "no");
        await f.RequestAsync(900m);

        Assert.Equal(2000.25m, await f.Store.GetApprovedIncreaseAsync(ApprovalFixture.BudgetId, ApprovalFixture.December, CancellationToken.None));
        Assert.Equal(0m, await f.Store.GetApprovedIncreaseAsync(ApprovalFixture.BudgetId, new DateRange(new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 1)), CancellationToken.None));
        Assert.Equal(0m, await f.Store.GetApprovedIncreaseAsync("other", ApprovalFixture.December, CancellationToken.None));
    }

    [Fact]
    public async Task AddMessageAsync_SameCopyTwice_StoredOnce()
    {
        using var f = new ApprovalFixture(provider: _provider);
        var request = await f.RequestAsync();
        var message = new ApprovalMessage(request.Id, "slack", "D0PAT", "T0CORP", "1700000000.000200");

        await f.Store.AddMessageAsync(message, CancellationToken.None);
        await f.Store.AddMessageAsync(message, CancellationToken.None);
        await f.Store.AddMessageAsync(message with { Channel = "teams", MessageId = "act-1" }, CancellationToken.None);

        Assert.Equal(2, (await f.Store.MessagesAsync(request.Id, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task ListAsync_ByStatusAndTeam_Filters()
    {
        using var f = new ApprovalFixture(provider: _provider);
        var a = await f.RequestAsync();
        await f.RequestAsync();
        await f.DecideAsync(a.Id, "pat@corp.example", ApprovalAction.Approve);

        Assert.Single(await f.Store.ListAsync(ApprovalStatus.Approved, null, CancellationToken.None));
        Assert.Single(await f.Store.ListAsync(ApprovalStatus.Pending, "PAYMENTS", CancellationToken.None));
        Assert.Empty(await f.Store.ListAsync(null, "search", CancellationToken.None));
    }
}
