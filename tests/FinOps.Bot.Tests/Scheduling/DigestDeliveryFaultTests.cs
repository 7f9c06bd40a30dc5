using FinOps.Bot.Scheduling;
using FinOps.Bot.Tests.Infrastructure;
using FinOps.Core.Digests;
using FinOps.Core.Reliability;
using FinOps.Slack.Outbound;
using FinOps.Teams.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Fault = FinOps.Bot.Tests.Infrastructure.FlakyPlatformServer.Fault;

namespace FinOps.Bot.Tests.Scheduling;

/// <summary>
/// The weekly digest through the real senders (Slack outbox + Web API client, Teams connector client with its pacing) to
/// fake Slack and Bot Connector servers that answer 429 with Retry-After, Slack's ok:false ratelimited, 502, and hold
/// answers past the client's timeout (with and without having posted): every channel still gets exactly one message.
/// </summary>
/// <remarks>
/// Pacing (<c>SlackPostPacer</c>, <c>ConnectorRateLimiter</c>) runs on System.Threading.RateLimiting's own timers, not on
/// a TimeProvider, so this test counts messages and never asserts on time.
/// Teams timeouts are not injected: the connector's attempt timeout is fixed at 30 s and a timed-out Teams post cannot
/// be looked up before re-sending (see the durable queue work).
/// </remarks>
public sealed class DigestDeliveryFaultTests
{
    private static readonly string[] TeamKeys = ["payments", "checkout", "search", "platform", "data", "ml", "identity", "mobile", "growth"];

    private static readonly Fault[] SlackFaults =
        [Fault.None, Fault.TooManyRequests, Fault.RateLimitedOkFalse, Fault.BadGateway, Fault.PostedThenTimeout, Fault.TimeoutNotPosted];

    [Fact]
    public async Task Publish_PlatformsThrottleFailAndTimeOut_EachChannelGetsExactlyOneMessage()
    {
        await using var platform = await FlakyPlatformServer.StartAsync();
        var teams = TeamKeys.Select(Team).ToArray();
        var slackChannels = teams.SelectMany(t => t.Channels.SlackChannelIds).ToArray();
        var teamsChannels = teams.SelectMany(t => t.Channels.TeamsChannelIds).ToArray();
        for (var i = 0; i < slackChannels.Length; i++)
        {
            platform.Faults[slackChannels[i]] = SlackFaults[i % SlackFaults.Length];
        }

        platform.Faults[teamsChannels[1]] = Fault.TooManyRequests;
        platform.Faults[teamsChannels[2]] = Fault.BadGateway;

        await using var factory = new BotFactory();
        factory.Settings["Slack:BotToken"] = "xoxb-test";
        factory.Settings["Slack:ApiBaseUrl"] = new Uri(platform.BaseUrl, "api/").AbsoluteUri;
        factory.Settings["Slack:AttemptTimeout"] = "00:00:00.5";
        factory.Settings["Slack:RetryBaseDelay"] = "00:00:00.05";
        factory.Settings["Slack:MaxRetryAfter"] = "00:00:00.2";
        factory.Settings["Slack:OutboxRetryBaseDelay"] = "00:00:01";
        factory.Settings["Teams:DevelopmentServiceUrl"] = platform.BaseUrl.AbsoluteUri;
        factory.Settings["Digests:Enabled"] = "false";
        factory.ConfigureTestServices = services => services.AddSingleton<ITeamDirectory>(new FixedDirectory(teams));
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        var references = factory.Services.GetRequiredService<IConversationReferenceStore>();
        foreach (var channel in teamsChannels)
        {
            await references.StoreAsync(
                new TeamsConversationReference(channel, platform.BaseUrl.AbsoluteUri, "channel", "tenant-1", "28:bot", null, null, "19:team@thread.skype", channel, factory.Time.GetUtcNow()),
                CancellationToken.None);
        }

        // The connector's retry waits Retry-After on the host's clock (the fake one here), and the outbox dispatcher ticks on
        // it: keep it moving at five times real time. Never jump it: a jump would expire the claim of a post in flight.
        using var stopClock = new CancellationTokenSource();
        var clock = Task.Run(async () =>
        {
            while (!stopClock.IsCancellationRequested)
            {
                factory.Time.Advance(TimeSpan.FromMilliseconds(100));
                await Task.Delay(20, CancellationToken.None);
            }
        });

        var first = await PublishAsync(factory);
        // The posts whose answer was lost stay in the Slack outbox; its dispatcher looks for each before posting it again.
        // Wait until every Slack send is recorded as done (a re-fired run racing the dispatcher is not what this tests).
        var week = WeeklyDigestBuilder.LastFullWeek(DateOnly.FromDateTime(BotFactory.Now.UtcDateTime)).Start;
        var slackKeys = teams.SelectMany(t => t.Channels.SlackChannelIds.Select(c => WeeklyDigestPublisher.IdempotencyKey(t.Key, week, SlackOutboundDelivery.Channel, c))).ToArray();
        var idempotency = factory.Services.GetRequiredService<IIdempotencyStore>();
        await UntilAsync(async () =>
        {
            foreach (var key in slackKeys)
            {
                if (await idempotency.GetResultAsync(SlackOutboundDelivery.SendScope, key, CancellationToken.None) is null)
                {
                    return false;
                }
            }

            return true;
        });

        // A re-fired run records what the outbox delivered meanwhile, and posts nothing; a third run has nothing left.
        var second = await PublishAsync(factory);
        var third = await PublishAsync(factory);
        await stopClock.CancelAsync();
        await clock;

        Assert.All(slackChannels, c => Assert.Equal(1, platform.PostsTo(c)));
        Assert.All(teamsChannels, c => Assert.Equal(1, platform.PostsTo(c)));
        Assert.Equal(slackChannels.Length + teamsChannels.Length, platform.Posted.Count);
        Assert.All(platform.Posted.Where(p => p.Key is not null), p => Assert.StartsWith("digest:", p.Key, StringComparison.Ordinal));
        // The faults were served, and the publisher saw them: the timed-out Slack posts were not counted as sent by the first run.
        Assert.All(SlackFaults.Skip(1), f => Assert.True(platform.Served.GetValueOrDefault(f) >= 3, f.ToString()));
        Assert.True(platform.Served.GetValueOrDefault(Fault.BadGateway) >= 4 && platform.Served.GetValueOrDefault(Fault.TooManyRequests) >= 4);
        Assert.InRange(first, 1, slackChannels.Length + teamsChannels.Length - 6);
        Assert.Equal(slackChannels.Length + teamsChannels.Length, first + second);
        Assert.Equal(0, third);
    }

    private static async Task<int> PublishAsync(BotFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WeeklyDigestPublisher>().PublishAsync(CancellationToken.None);
    }

    /// <summary>Waits (bounded, as a failure guard) until <paramref name="done"/> holds.</summary>
    private static async Task UntilAsync(Func<Task<bool>> done)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await done())
        {
            await Task.Delay(50, guard.Token);
        }
    }

    private static DigestTeam Team(string key) => new(
        key,
        key,
        [],
        new TeamChannels(null, null)
        {
            SlackChannelIds = ["C0" + key.ToUpperInvariant() + "1", "C0" + key.ToUpperInvariant() + "2"],
            TeamsChannelIds = ["19:" + key + "@thread.tacv2"],
        });

    private sealed class FixedDirectory(IReadOnlyList<DigestTeam> teams) : ITeamDirectory
    {
        public Task<IReadOnlyList<DigestTeam>> GetTeamsAsync(CancellationToken cancellationToken) => Task.FromResult(teams);
    }
}
