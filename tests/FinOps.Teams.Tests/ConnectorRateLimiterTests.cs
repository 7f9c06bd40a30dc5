using FinOps.Teams.Connector;

namespace FinOps.Teams.Tests;

// Periods of an hour keep the limiters from replenishing while a test runs, so "waits" is deterministic.
public sealed class ConnectorRateLimiterTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task AcquireAsync_BurstPerConversationUsed_NextWaitsOtherConversationProceeds()
    {
        await using var limiter = new ConnectorRateLimiter(new ConnectorPacing(7, Hour, 60, Hour, 30));
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
        await using var limiter = new ConnectorRateLimiter(new ConnectorPacing(100, Hour, 5, Hour, 100));
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
        await using var limiter = new ConnectorRateLimiter(new ConnectorPacing(100, Hour, 100, Hour, 3));
        for (var i = 0; i < 3; i++)
        {
            (await limiter.AcquireAsync(new ConnectorTarget("https://smba/", $"c{i}", "t1"), CancellationToken.None)).Dispose();
        }

        Assert.False(limiter.AcquireAsync(new ConnectorTarget("https://smba/", "c9", "t1"), CancellationToken.None).AsTask().IsCompleted);
        Assert.True(limiter.AcquireAsync(new ConnectorTarget("https://smba/", "c9", "t2"), CancellationToken.None).AsTask().IsCompletedSuccessfully);
    }
}
