using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Slack.AppHome;
using FinOps.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Slack.Tests.AppHome;

public sealed class SlackAppHomeTests : IAsyncLifetime
{
    private static readonly SlackHomeSummary Alice = new(
        "Alice Doe",
        true,
        [new SlackHomeTeam("payments", "Payments", "USD", 1234.5m, 2600m, ["C0PAY"]), new SlackHomeTeam("search", "Search", null, null, null, [])],
        ["How much did payments spend last week?", "Top 5 services last month", "Spend by team this month"],
        "allocation.yaml");

    private static readonly SlackHomeSummary Stranger = Alice with { PersonName = null, Known = false, Teams = [] };

    /// <summary>Unescaped, so asserts can name the text as people read it (apostrophes, <#channel> links).</summary>
    private static readonly JsonSerializerOptions Plain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FakeHomeSource _source = new();
    private FakeSlackServer _slack = null!;
    private SlackAppHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackServer.StartAsync();
        _host = await SlackAppHost.StartAsync(_slack, services: s => s.AddSingleton<ISlackHomeSource>(_source));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task AppHomeOpened_HomeTab_PublishesTeamsWithMonthToDate()
    {
        _source.Summaries["U1"] = Alice;

        await _host.PostEventAsync(Opened("Ev1", "U1", "home"));

        var publish = await _slack.NextCallAsync("views.publish");
        Assert.Equal("Bearer xoxb-test-token", publish.Authorization);
        Assert.Equal("U1", publish.Json["user_id"]!.GetValue<string>());
        var view = publish.Json["view"]!.AsObject();
        Assert.Equal("home", view["type"]!.GetValue<string>());
        var text = view["blocks"]!.ToJsonString(Plain);
        Assert.Contains("Payments", text, StringComparison.Ordinal);
        Assert.Contains("1,234.50 USD", text, StringComparison.Ordinal);
        Assert.Contains("2,600.00 USD", text, StringComparison.Ordinal);
        Assert.Contains("no budget set", text, StringComparison.Ordinal);
        Assert.Contains("<#C0PAY>", text, StringComparison.Ordinal);
        Assert.Contains("not available", text, StringComparison.Ordinal);
        Assert.Equal(("T0TEAM", "U1"), Assert.Single(_source.Asked));
    }

    [Fact]
    public async Task AppHomeOpened_FirstAndSecondOpen_WelcomesOnce()
    {
        _source.Summaries["U1"] = Alice;

        await _host.PostEventAsync(Opened("Ev1", "U1", "messages"));
        var welcome = await _slack.NextCallAsync("chat.postMessage");
        await _host.PostEventAsync(Opened("Ev2", "U1", "home"));
        await _host.PostEventAsync(Opened("Ev3", "U1", "messages"));
        await SentinelAsync();

        Assert.Equal("D0DM", welcome.Json["channel"]!.GetValue<string>());
        var blocks = welcome.Json["blocks"]!.ToJsonString(Plain);
        Assert.Contains("How much did payments spend last week?", blocks, StringComparison.Ordinal);
        Assert.Contains("Spend by team this month", blocks, StringComparison.Ordinal);
        // The welcome and the sentinel's answer: no second welcome.
        Assert.Equal(2, _slack.CallsTo("chat.postMessage").Count);
        Assert.Single(_slack.CallsTo("views.publish"));
    }

    [Fact]
    public async Task AppHomeOpened_WelcomePostFailed_WelcomedOnNextOpen()
    {
        _source.Summaries["U1"] = Alice;
        _slack.ScriptError("chat.postMessage", "channel_not_found");

        await _host.PostEventAsync(Opened("Ev1", "U1", "messages"));
        var failed = await _slack.NextCallAsync("chat.postMessage");
        await _host.PostEventAsync(Opened("Ev2", "U1", "messages"));

        var welcome = await _slack.NextCallAsync("chat.postMessage");
        Assert.NotSame(failed, welcome);
        Assert.Equal("D0DM", welcome.Json["channel"]!.GetValue<string>());
    }

    [Fact]
    public async Task AppHomeOpened_UnknownPerson_HomeSaysHowToGetAdded()
    {
        _source.Summaries["U9"] = Stranger;

        await _host.PostEventAsync(Opened("Ev1", "U9", "home"));

        var publish = await _slack.NextCallAsync("views.publish");
        var text = publish.Json["view"]!["blocks"]!.ToJsonString(Plain);
        Assert.Contains("I don't know who you are yet", text, StringComparison.Ordinal);
        Assert.Contains("allocation.yaml", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Payments", text, StringComparison.Ordinal);
    }

    private static string Opened(string eventId, string user, string tab) => SlackPayloads.EventCallback(eventId, new JsonObject
    {
        ["type"] = "app_home_opened",
        ["user"] = user,
        ["channel"] = "D0DM",
        ["tab"] = tab,
        ["event_ts"] = "1772442000.000100",
    });

    /// <summary>One worker handles the inbox in order: once the sentinel is answered, everything before it is done.</summary>
    private async Task SentinelAsync()
    {
        await _host.PostEventAsync(SlackPayloads.DirectMessage("EvSentinel", "sentinel", "1772442999.000100"));
        await _slack.NextCallAsync("chat.postMessage", c => c.Json["text"]?.GetValue<string>() == "Answer: sentinel");
    }

    private sealed class FakeHomeSource : ISlackHomeSource
    {
        public Dictionary<string, SlackHomeSummary> Summaries { get; } = [];

        public List<(string TeamId, string UserId)> Asked { get; } = [];

        public Task<SlackHomeSummary> GetAsync(string teamId, string userId, CancellationToken cancellationToken)
        {
            Asked.Add((teamId, userId));
            return Task.FromResult(Summaries[userId]);
        }
    }
}
