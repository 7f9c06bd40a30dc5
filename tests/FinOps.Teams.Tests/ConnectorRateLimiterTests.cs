using FinOps.Teams.Connector;

namespace FinOps.Teams.Tests;

// Periods of an hour keep the limiters from replenishing while a test runs, so "waits" is deterministic.
public sealed class ConnectorRateLimiterTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static ConnectorPacing Pacing(int perSecond, int sustained, int tenant) =>
        new([new PacingWindow(perSecond, Hour), new PacingWindow(sustained, Hour * 2)], new PacingWindow(tenant, Hour));

    [Fact]
    public void Teams_PublishedLimits_EveryConversationWindowAndTheTenant()
    {
        Assert.Equal(
            [(7, 1d), (8, 2d), (60, 30d), (1800, 3600d)],
            ConnectorPacing.Teams.PerConversation.Select(w => (w.Operations, w.Window.TotalSeconds)).ToArray());
        Assert.Equal(new PacingWindow(30, TimeSpan.FromSeconds(1)), ConnectorPacing.Teams.PerTenant);
    }

    [Fact]
    public async Task AcquireAsync_TwoSecondWindowTighterThanPerSecond_NinthCallWaits()
    {
        await using var limiter = new ConnectorRateLimiter(
            new ConnectorPacing([new PacingWindow(7, Hour), new PacingWindow(8, Hour * 2)], new PacingWindow(100, Hour)));
        var a = new ConnectorTarget("https://smba/", "a", "t1");
        for (var i = 0; i < 7; i++)
        {
            (await limiter.AcquireAsync(a, CancellationToken.None)).Dispose();
        }

        Assert.False(limiter.AcquireAsync(a, CancellationToken.None).AsTask().IsCompleted);
    }

    [Fact]
    public async Task AcquireAsync_BurstPerConversationUsed_NextWaitsOtherConversationProceeds()
    {
        await using var limiter = new ConnectorRateLimiter(Pacing(perSecond: 7, sustained: 60, tenant: 30));
        var a = new ConnectorTarget("https://smba/", "a", "t1");
        var leases = new List<IDisposable>();
        for (var i = 0; i < 7; i++)
        {
            leases.Add(await limiter.AcquireAsync(a, CancellationToken.None));
        }

        var eighth = limiter.AcquireAsync(a, CancellationToken.None).AsTask();
        var other = limiter.AcquireAsync(new ConnectorTarget("https://smba/", "b", "t1"), CancellationToken.None).AsTask();

        Assert.False(eighth.IsCompleted);
        Assert.True(other.IsCompletedSuccessfully);
        leases.ForEach(l => l.Dispose());
    }

    [Fact]
    public async Task AcquireAsync_SustainedWindowUsed_NextWaits()
    {
        await using var limiter = new ConnectorRateLimiter(Pacing(perSecond: 100, sustained: 5, tenant: 100));
        var a = new ConnectorTarget("https://smba/", "a", "t1");
        for (var i = 0; i < 5; i++)
        {
            (await limiter.AcquireAsync(a, CancellationToken.None)).Dispose();
        }

        Assert.False(limiter.AcquireAsync(a, CancellationToken.None).AsTask().IsCompleted);
    }

    [Fact]
    public async Task AcquireAsync_TenantBudgetUsed_NextConversationOfTenantWaitsOtherTenantProceeds()
    {
        await using var limiter = new ConnectorRateLimiter(Pacing(perSecond: 100, sustained: 100, tenant: 3));
        for (var i = 0; i < 3; i++)
        {
            (await limiter.AcquireAsync(new ConnectorTarget("https://smba/", $"c{i}", "t1"), CancellationToken.None)).Dispose();
        }

        Assert.False(limiter.AcquireAsync(new ConnectorTarget("https://smba/", "c9", "t1"), CancellationToken.None).AsTask().IsCompleted);
        Assert.True(limiter.AcquireAsync(new ConnectorTarget("https://smba/", "c9", "t2"), CancellationToken.None).AsTask().IsCompletedSuccessfully);
    }
}
