using System.Text.Json.Nodes;
using FinOps.Core.Query;
using FinOps.Slack.AppHome;
using FinOps.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Slack.Tests.AppHome;

/// <summary>After an import, the App Home tabs people opened are re-published (bounded to recent viewers, one failure isolated).</summary>
public sealed class SlackHomeRefreshTests : IAsyncLifetime
{
    private static readonly SlackHomeSummary Before = new(
        "Alice Doe", true, [new SlackHomeTeam("payments", "Payments", "USD", 1000m, 2000m, [])], ["Top 5 services last month"], "allocation.yaml");

    private static readonly SlackHomeSummary After = Before with { Teams = [new SlackHomeTeam("payments", "Payments", "USD", 1500m, 2900m, [])] };

    private readonly SwitchingHomeSource _source = new();
    private readonly FakeCoverage _coverage = new();
    private FakeSlackServer _slack = null!;
    private SlackAppHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackServer.StartAsync();
        _host = await SlackAppHost.StartAsync(
            _slack,
            settings =>
            {
                settings["SlackHomeRefresh:PublishInterval"] = "00:00:00";
                settings["SlackHomeRefresh:MaxUsers"] = "2";
            },
            services =>
            {
                services.AddSingleton<ISlackHomeSource>(_source);
                services.AddSingleton<ICostQueryService>(_coverage);
            });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private SlackHomeRefreshService Service => _host.Services.GetRequiredService<SlackHomeRefreshService>();

    [Fact]
    public async Task CheckAsync_NewImport_RepublishesTheTabsOfRecentViewersWithNewNumbers()
    {
        await OpenHomeAsync("Ev1", "U1");
        await OpenHomeAsync("Ev2", "U2");
        await _host.Services.GetRequiredService<ISlackHomeViewers>().RecordAsync(
            new SlackHomeViewer(SlackAppHost.TeamId, "U0LONGAGO", _host.Clock.GetUtcNow().AddDays(-31)), CancellationToken.None);

        Assert.Equal(0, await Service.CheckAsync(CancellationToken.None));
        _source.Current = After;
        Assert.Equal(0, await Service.CheckAsync(CancellationToken.None));
        _coverage.LastImportedAt = _coverage.LastImportedAt.AddHours(1);
        var refreshed = await Service.CheckAsync(CancellationToken.None);
        var again = await Service.CheckAsync(CancellationToken.None);

        Assert.Equal(2, refreshed);
        Assert.Equal(0, again);
        var publishes = _slack.CallsTo("views.publish");
        // Both opened at the same instant: the refresh order is then by user.
        Assert.Equal(["U1", "U2", "U1", "U2"], publishes.Select(p => p.Json["user_id"]!.GetValue<string>()));
        Assert.All(publishes.Skip(2), p => Assert.Contains("1,500.00 USD", p.Json["view"]!.ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefreshAsync_MoreViewersThanMaxUsers_OnlyTheMostRecent()
    {
        await OpenHomeAsync("Ev1", "U1");
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        await OpenHomeAsync("Ev2", "U2");
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        await OpenHomeAsync("Ev3", "U3");

        using var scope = _host.Services.CreateScope();
        var published = await scope.ServiceProvider.GetRequiredService<SlackHomeRefresher>().RefreshAsync(CancellationToken.None);

        Assert.Equal(2, published);
        Assert.Equal(["U3", "U2"], _slack.CallsTo("views.publish").Skip(3).Select(p => p.Json["user_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task RefreshAsync_OnePublishFails_TheOthersArePublished()
    {
        await OpenHomeAsync("Ev1", "U1");
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        await OpenHomeAsync("Ev2", "U2");
        _slack.ScriptError("views.publish", "invalid_arguments");

        using var scope = _host.Services.CreateScope();
        var published = await scope.ServiceProvider.GetRequiredService<SlackHomeRefresher>().RefreshAsync(CancellationToken.None);

        Assert.Equal(1, published);
        Assert.Equal(["U2", "U1"], _slack.CallsTo("views.publish").Skip(2).Select(p => p.Json["user_id"]!.GetValue<string>()));
    }

    private async Task OpenHomeAsync(string eventId, string user)
    {
        var before = _slack.CallsTo("views.publish").Count;
        await _host.PostEventAsync(SlackPayloads.EventCallback(eventId, new JsonObject
        {
            ["type"] = "app_home_opened",
            ["user"] = user,
            ["tab"] = "home",
            ["event_ts"] = "1772442000.000100",
        }));
        await _slack.NextCallAsync("views.publish", c => c.Json["user_id"]?.GetValue<string>() == user);

        // The viewer is recorded right after the publish returns: wait for the record, not for wall-clock time.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var viewers = _host.Services.GetRequiredService<ISlackHomeViewers>();
        while ((await viewers.ListRecentAsync(DateTimeOffset.MinValue, 100, guard.Token)).All(v => v.UserId != user))
        {
            await Task.Delay(10, guard.Token);
        }

        Assert.Equal(before + 1, _slack.CallsTo("views.publish").Count);
    }

    private sealed class SwitchingHomeSource : ISlackHomeSource
    {
        public SlackHomeSummary Current { get; set; } = Before;

        public Task<SlackHomeSummary> GetAsync(string teamId, string userId, CancellationToken cancellationToken) => Task.FromResult(Current);
    }

    private sealed class FakeCoverage : ICostQueryService
    {
        public DateTimeOffset LastImportedAt { get; set; } = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

        public Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken) =>
            Task.FromResult<DataCoverage?>(new DataCoverage(new DateRange(new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1)), LastImportedAt, ["USD"]));
    }
}
