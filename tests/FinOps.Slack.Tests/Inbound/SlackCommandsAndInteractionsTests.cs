using System.Net;
using FinOps.Slack.Tests.Infrastructure;

namespace FinOps.Slack.Tests.Inbound;

public sealed class SlackCommandsAndInteractionsTests : IAsyncLifetime
{
    private FakeSlackServer _slack = null!;
    private SlackAppHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackServer.StartAsync();
        _host = await SlackAppHost.StartAsync(_slack);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Commands_Question_AnsweredEphemerallyThroughResponseUrl()
    {
        var response = await _host.PostFormAsync("/slack/commands", SlackPayloads.SlashCommand("top services last month", _slack.HookUrl("cmd1"), "t1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());

        var hook = await _slack.NextCallAsync("hook");
        Assert.Equal("ephemeral", hook.Json["response_type"]!.GetValue<string>());
        Assert.Equal("Answer: top services last month", hook.Json["text"]!.GetValue<string>());
        Assert.Null(hook.Authorization);
        var message = Assert.Single(_host.Conversation.Messages);
        Assert.Equal(new("slack", "C0CHAN", SlackAppHost.TeamId, null), message.Conversation);
        Assert.Empty(_slack.CallsTo("chat.postMessage"));
    }

    [Theory]
    [InlineData("share top services")]
    [InlineData("top services --share")]
    public async Task Commands_ShareRequested_AnsweredInChannel(string text)
    {
        await _host.PostFormAsync("/slack/commands", SlackPayloads.SlashCommand(text, _slack.HookUrl("cmd1"), "t1"));

        var hook = await _slack.NextCallAsync("hook");
        Assert.Equal("in_channel", hook.Json["response_type"]!.GetValue<string>());
        Assert.Equal("top services", Assert.Single(_host.Conversation.Messages).Text);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("")]
    public async Task Commands_HelpOrNothing_AsksForHelp(string text)
    {
        await _host.PostFormAsync("/slack/commands", SlackPayloads.SlashCommand(text, _slack.HookUrl("cmd1"), "t1"));

        var hook = await _slack.NextCallAsync("hook");
        Assert.Equal("help", Assert.Single(_host.Conversation.Messages).Text);
        Assert.Equal("ephemeral", hook.Json["response_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Commands_ResponseUrlOutsideSlack_NotCalled()
    {
        await _host.PostFormAsync("/slack/commands", SlackPayloads.SlashCommand("top", new Uri("http://169.254.169.254/latest/meta-data"), "t1"));
        await _host.PostFormAsync("/slack/commands", SlackPayloads.SlashCommand("sentinel", _slack.HookUrl("cmd2"), "t2"));

        var hook = await _slack.NextCallAsync("hook");
        Assert.Equal("Answer: sentinel", hook.Json["text"]!.GetValue<string>());
        Assert.Single(_slack.CallsTo("hook"));
    }

    [Fact]
    public async Task Interactions_ButtonClickedTwice_MessageUpdatedOnce()
    {
        var first = await _host.PostFormAsync("/slack/interactions", [new("payload", SlackPayloads.BlockActions(_slack.HookUrl("act"), "1772442000.000100", "1772442100.000001"))]);
        var second = await _host.PostFormAsync("/slack/interactions", [new("payload", SlackPayloads.BlockActions(_slack.HookUrl("act"), "1772442000.000100", "1772442101.000002"))]);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var update = await _slack.NextCallAsync("chat.update");
        await _host.PostEventAsync(SlackPayloads.AppMention("EvSentinel", "<@UBOT> sentinel", "9999999999.000001"));
        await _slack.NextCallAsync("chat.postMessage");

        Assert.Single(_slack.CallsTo("chat.update"));
        Assert.Equal("C0CHAN", update.Json["channel"]!.GetValue<string>());
        Assert.Equal("1772442000.000100", update.Json["ts"]!.GetValue<string>());
        Assert.Equal("budget.approve by U1", update.Json["text"]!.GetValue<string>());
        var action = Assert.Single(_host.Conversation.Actions);
        Assert.Equal("budget.approve", action.ActionId);
        Assert.Equal("42", action.Payload["budgetId"]);
        Assert.Equal("Q3 launch", action.Inputs["reason"]);
        Assert.Equal("1772442000.000100", action.MessageId);
        Assert.Equal(new("slack", "C0CHAN", SlackAppHost.TeamId, null), action.Conversation);
        Assert.Equal("alice@example.com", action.User.Email);
    }

    [Fact]
    public async Task Interactions_EphemeralMessage_ReplacedThroughResponseUrl()
    {
        await _host.PostFormAsync("/slack/interactions", [new("payload", SlackPayloads.BlockActions(_slack.HookUrl("act"), "1772442000.000100", "1.1", ephemeral: true))]);

        var hook = await _slack.NextCallAsync("hook");
        Assert.True(hook.Json["replace_original"]!.GetValue<bool>());
        Assert.Equal("budget.approve by U1", hook.Json["text"]!.GetValue<string>());
        Assert.Empty(_slack.CallsTo("chat.update"));
    }

    [Fact]
    public async Task Interactions_ChatUpdateRefused_ReplacedThroughResponseUrl()
    {
        _slack.ScriptError("chat.update", "cant_update_message");
        await _host.PostFormAsync("/slack/interactions", [new("payload", SlackPayloads.BlockActions(_slack.HookUrl("act"), "1772442000.000100", "1.1"))]);

        var hook = await _slack.NextCallAsync("hook");
        Assert.True(hook.Json["replace_original"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Interactions_OtherPayloadType_AcknowledgedAndIgnored()
    {
        var response = await _host.PostFormAsync("/slack/interactions", [new("payload", """{"type":"view_closed","user":{"id":"U1"}}""")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Conversation.Actions);
    }
}
