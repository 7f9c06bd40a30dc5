using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using FinOps.Bot.Playground;
using FinOps.Bot.Tests.Infrastructure;
using FinOps.Conversation.Cards;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Bot.Tests;

public sealed class PlaygroundProactiveTests
{
    [Fact]
    public async Task SendAsync_SameIdempotencyKeyTwice_EventStreamDeliversOnce()
    {
        await using var factory = new BotFactory();
        factory.Settings["Demo:SeedOnFirstRun"] = "false";
        // Without seeding no rules file is installed: the playground's people come from the demo rules file read in place.
        factory.Settings["Allocation:RulesPath"] = Path.Combine(AppContext.BaseDirectory, "allocation.demo.yaml");
        using var client = new HttpClient { BaseAddress = factory.StartOnLoopbackPort() };
        await factory.WaitUntilReadyAsync();
        var hub = factory.Services.GetRequiredService<PlaygroundHub>();
        var sender = factory.Services.GetRequiredService<PlaygroundProactiveSender>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        // The stream's headers only arrive with its first event, so the request runs while the test sends.
        var opening = client.GetAsync(
            new Uri("/playground/api/events?user=" + PlaygroundClient.FinOpsLead, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await WaitForSubscriberAsync(hub, timeout.Token);
        var address = new ConversationAddress(PlaygroundAddresses.Channel, PlaygroundClient.FinOpsLead);
        var digest = new Card("digest", "Weekly digest: $1,234.00", [new TextBlock("Weekly digest: $1,234.00")]);
        var first = await sender.SendAsync(address, digest, "digest-2026-W09", timeout.Token);
        var again = await sender.SendAsync(address, digest, "digest-2026-W09", timeout.Token);
        var sentinel = await sender.SendAsync(address, new Card("alert", "Sentinel", [new TextBlock("Sentinel")]), "alert-1", timeout.Token);

        using var response = await opening;
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var events = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(timeout.Token))
        {
            events.Add(item);
            if (events.Count == 2)
            {
                break;
            }
        }

        Assert.Equal(first.MessageId, again.MessageId);
        Assert.All(events, e => Assert.Equal("card", e.EventType));
        var delivered = events.Select(e => JsonNode.Parse(e.Data)!).ToList();
        Assert.Equal(first.MessageId, delivered[0]["messageId"]!.GetValue<string>());
        Assert.True(delivered[0]["proactive"]!.GetValue<bool>());
        Assert.Contains("Weekly digest: $1,234.00", delivered[0]["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(sentinel.MessageId, delivered[1]["messageId"]!.GetValue<string>());
    }

    [Fact]
    public async Task SendAsync_OtherUser_NotDeliveredToThisUsersStream()
    {
        await using var factory = new BotFactory();
        factory.Settings["Demo:SeedOnFirstRun"] = "false";
        // Without seeding no rules file is installed: the playground's people come from the demo rules file read in place.
        factory.Settings["Allocation:RulesPath"] = Path.Combine(AppContext.BaseDirectory, "allocation.demo.yaml");
        using var client = new HttpClient { BaseAddress = factory.StartOnLoopbackPort() };
        await factory.WaitUntilReadyAsync();
        var hub = factory.Services.GetRequiredService<PlaygroundHub>();
        var sender = factory.Services.GetRequiredService<PlaygroundProactiveSender>();
        var directory = factory.Services.GetRequiredService<PlaygroundDirectory>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        // The stream's headers only arrive with its first event, so the request runs while the test sends.
        var opening = client.GetAsync(
            new Uri("/playground/api/events?user=" + PlaygroundClient.FinOpsLead, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await WaitForSubscriberAsync(hub, timeout.Token);
        var other = directory.Users[1].Id;
        await sender.SendAsync(new ConversationAddress(PlaygroundAddresses.Channel, other), new Card("alert", "Not yours", [new TextBlock("Not yours")]), "k1", timeout.Token);
        var everyone = await sender.SendAsync(new ConversationAddress(PlaygroundAddresses.Channel, PlaygroundAddresses.Everyone), new Card("alert", "Everyone", [new TextBlock("Everyone")]), "k2", timeout.Token);

        using var response = await opening;
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        await using var items = SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await items.MoveNextAsync());
        Assert.Equal(everyone.MessageId, JsonNode.Parse(items.Current.Data)!["messageId"]!.GetValue<string>());
    }

    /// <summary>The hub keeps no backlog, so sending before the stream is subscribed would lose the message.</summary>
    private static async Task WaitForSubscriberAsync(PlaygroundHub hub, CancellationToken cancellationToken)
    {
        while (hub.SubscriberCount == 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }
}
