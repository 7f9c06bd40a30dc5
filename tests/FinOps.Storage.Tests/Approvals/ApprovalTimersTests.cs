using FinOps.Core.Approvals;

namespace FinOps.Storage.Tests.Approvals;

/// <remarks>On SQLite; <see cref="PostgreSql.ApprovalTimersPostgreSqlTests"/> runs the same tests on PostgreSQL.</remarks>
public class ApprovalTimersTests
{
    private readonly StorageProvider _provider;

    public ApprovalTimersTests()
        : this(StorageProvider.Sqlite)
    {
    }

    protected ApprovalTimersTests(StorageProvider provider) => _provider = provider;

    [Fact]
    public async Task RunAsync_BeforeRemindAfter_NothingHappens()
    {
        using var f = new ApprovalFixture(provider: _provider);
        await f.RequestAsync();
        f.Time.Advance(TimeSpan.FromHours(23));

        Assert.Equal(0, await f.Timers.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_RemindEscalateExpire_EachEventOnceInTheAudit()
    {
        using var f = new ApprovalFixture(provider: _provider);
        var request = await f.RequestAsync();

        f.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await f.Timers.RunAsync(CancellationToken.None));
        Assert.Equal(0, await f.Timers.RunAsync(CancellationToken.None));
        Assert.Contains(f.Notifier.Approvers, n => n.Why == ApprovalEventKind.Reminded && n.People.SequenceEqual(["pat@corp.example", "ana@corp.example"]));

        // Not escalated yet, finance cannot decide the owner step.
        Assert.Equal(ApprovalResultKind.NotAllowed, (await f.DecideAsync(request.Id, "fiona@corp.example", ApprovalAction.AskForInfo, note: "?")).Kind);

        f.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await f.Timers.RunAsync(CancellationToken.None));
        Assert.Equal(0, await f.Timers.RunAsync(CancellationToken.None));
        Assert.Contains(f.Notifier.Approvers, n => n.Why == ApprovalEventKind.Escalated && n.People.SequenceEqual(["fiona@corp.example"]));

        f.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await f.Timers.RunAsync(CancellationToken.None)); // reminder of the escalated stage
        f.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await f.Timers.RunAsync(CancellationToken.None)); // escalated to admins
        f.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await f.Timers.RunAsync(CancellationToken.None)); // reminder; the ladder ends at admin
        f.Time.Advance(TimeSpan.FromDays(5));
        Assert.Equal(0, await f.Timers.RunAsync(CancellationToken.None));

        f.Time.SetUtcNow(new DateTimeOffset(2027, 1, 1, 0, 0, 1, TimeSpan.Zero));
        Assert.Equal(1, await f.Timers.RunAsync(CancellationToken.None));
        Assert.Equal(0, await f.Timers.RunAsync(CancellationToken.None));

        var audit = await f.Store.AuditAsync(request.Id, CancellationToken.None);
        Assert.Equal(
            [
                ApprovalEventKind.Requested, ApprovalEventKind.Reminded, ApprovalEventKind.Escalated, ApprovalEventKind.Reminded,
                ApprovalEventKind.Escalated, ApprovalEventKind.Reminded, ApprovalEventKind.Expired,
            ],
            audit.Select(a => a.Kind));
        Assert.All(audit.Skip(1), a => Assert.Equal(ApprovalTimers.SystemActor, a.Actor));
        Assert.Equal(ApprovalStatus.Expired, (await f.Store.FindAsync(request.Id, CancellationToken.None))!.Status);
        Assert.Contains(f.Notifier.Requesters, r => r.Text.StartsWith("Expired", StringComparison.Ordinal));
        Assert.Equal(ApprovalResultKind.AlreadyDecided, (await f.DecideAsync(request.Id, "pat@corp.example", ApprovalAction.Approve)).Kind);
        Assert.Equal(0m, await f.Store.GetApprovedIncreaseAsync(ApprovalFixture.BudgetId, ApprovalFixture.December, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_EscalatedToFinance_FinanceMayDecide()
    {
        using var f = new ApprovalFixture(provider: _provider);
        var request = await f.RequestAsync();
        f.Time.Advance(TimeSpan.FromDays(2));
        await f.Timers.RunAsync(CancellationToken.None);

        var result = await f.DecideAsync(request.Id, "fiona@corp.example", ApprovalAction.Approve);

        Assert.Equal(ApprovalResultKind.Applied, result.Kind);
        Assert.Equal(ApprovalStatus.Approved, result.Request!.Status);
    }

    [Fact]
    public async Task RunAsync_TwoRunnersAtOnce_EachEventOnce()
    {
        using var f = new ApprovalFixture(provider: _provider);
        for (var i = 0; i < 5; i++)
        {
            await f.RequestAsync();
        }

        f.Time.Advance(TimeSpan.FromDays(1));
        var (store, _, database) = f.Restart();
        using (database)
        {
            var other = new ApprovalTimers(store, f.Directory, new ApprovalPolicy(f.Options), f.Notifier, f.Time);
            var counts = await Task.WhenAll(Task.Run(() => f.Timers.RunAsync(CancellationToken.None)), Task.Run(() => other.RunAsync(CancellationToken.None)));

            Assert.Equal(5, counts.Sum());
            Assert.Equal(5, (await f.Store.AuditAsync(null, CancellationToken.None)).Count(a => a.Kind == ApprovalEventKind.Reminded));
        }
    }
}
