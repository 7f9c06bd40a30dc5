using System.Net;
using System.Text.Json.Nodes;
using FinOps.Conversation.Cards;
using FinOps.Slack.BlockKit;
using FinOps.Slack.Tests.Infrastructure;

namespace FinOps.Slack.Tests.Inbound;

/// <summary>Form cards open a modal with the click's trigger_id; its view_submission becomes the submit click; private cards go ephemeral.</summary>
public sealed class SlackFormAndPrivateReplyTests : IAsyncLifetime
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
    public async Task Interactions_FormCard_OpensModalWithTriggerIdAndLeavesMessage()
    {
        _host.Conversation.ActionReply = a => a.ActionId == "budget.approve" ? Form() : null;

        await _host.PostFormAsync("/slack/interactions", [new("payload", SlackPayloads.BlockActions(_slack.HookUrl("act"), "1772442000.000100", "1.1"))]);

        var open = await _slack.NextCallAsync("views.open");
        Assert.Equal("123.456.abc", open.Json["trigger_id"]!.GetValue<string>());
        var view = open.Json["view"]!.AsObject();
        Assert.Equal(("modal", SlackFormView.CallbackId), (view["type"]!.GetValue<string>(), view["callback_id"]!.GetValue<string>()));
        Assert.Equal("Send request", view["submit"]!["text"]!.GetValue<string>());
        Assert.Equal("Request a budget increase", Assert.Single(view["blocks"]!.AsArray())!["text"]!["text"]!.GetValue<string>());
        Assert.Empty(_slack.CallsTo("chat.update"));
        Assert.Empty(_slack.CallsTo("hook"));
    }

    [Fact]
    public async Task Interactions_ViewSubmission_SubmitClickWithInputsAnsweredEphemerally()
    {
        _host.Conversation.ActionReply = a => a.ActionId == "budget.approve" ? Form() : null;
        await _host.PostFormAsync("/slack/interactions", [new("payload", SlackPayloads.BlockActions(_slack.HookUrl("act"), "1772442000.000100", "1.1"))]);
        var view = (await _slack.NextCallAsync("views.open")).Json["view"]!.AsObject();

        var response = await _host.PostFormAsync("/slack/interactions", [new("payload", ViewSubmission(view["private_metadata"]!.GetValue<string>(), "2,000", "launch traffic"))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        var ephemeral = await _slack.NextCallAsync("chat.postEphemeral");
        Assert.Equal(("C0CHAN", "U1"), (ephemeral.Json["channel"]!.GetValue<string>(), ephemeral.Json["user"]!.GetValue<string>()));
        var submit = _host.Conversation.Actions.Last();
        Assert.Equal("approval.submit", submit.ActionId);
        Assert.Equal("payments-monthly", submit.Payload["budgetId"]);
        Assert.Equal(("2,000", "launch traffic"), (submit.Inputs["amount"], submit.Inputs["reason"]));
        Assert.Equal("1772442000.000100", submit.MessageId);
        Assert.Equal(new("slack", "C0CHAN", SlackAppHost.TeamId, null), submit.Conversation);
    }

    [Fact]
    public async Task Interactions_ViewSubmissionOfOtherModal_Ignored()
    {
        var payload = new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = SlackAppHost.TeamId },
            ["user"] = new JsonObject { ["id"] = "U1" },
            ["view"] = new JsonObject { ["id"] = "V1", ["callback_id"] = "someone.else", ["hash"] = "h" },
        }.ToJsonString();

        var response = await _host.PostFormAsync("/slack/interactions", [new("payload", payload)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Conversation.Actions);
    }

    [Fact]
    public async Task Interactions_PrivateCard_EphemeralThroughResponseUrlAndMessageKept()
    {
        _host.Conversation.ActionReply = _ => new Card("approval" + CardReply.PrivateSuffix, "You can't approve this.", [new TextBlock("You can't approve this.")]);

        await _host.PostFormAsync("/slack/interactions", [new("payload", SlackPayloads.BlockActions(_slack.HookUrl("act"), "1772442000.000100", "1.1"))]);

        var hook = await _slack.NextCallAsync("hook");
        Assert.Equal("ephemeral", hook.Json["response_type"]!.GetValue<string>());
        Assert.False(hook.Json["replace_original"]!.GetValue<bool>());
        Assert.Equal("You can't approve this.", hook.Json["text"]!.GetValue<string>());
        Assert.Empty(_slack.CallsTo("chat.update"));
    }

    [Fact]
    public async Task Interactions_SameButtonTwoPeople_BothHandled()
    {
        await _host.PostFormAsync("/slack/interactions", [new("payload", SlackPayloads.BlockActions(_slack.HookUrl("a1"), "1772442000.000100", "1.1"))]);
        await _slack.NextCallAsync("chat.update");
        var other = JsonNode.Parse(SlackPayloads.BlockActions(_slack.HookUrl("a2"), "1772442000.000100", "1.2"))!.AsObject();
        other["user"]!["id"] = "U2";
        other["trigger_id"] = "789.012.def";

        await _host.PostFormAsync("/slack/interactions", [new("payload", other.ToJsonString())]);
        await _slack.NextCallAsync("chat.update");

        Assert.Equal(["U1", "U2"], _host.Conversation.Actions.Select(a => a.User.Id));
    }

    [Fact]
    public void Create_RenderedForm_InputsKeptButtonsAndHeaderDroppedMetadataReadsBack()
    {
        var content = new SlackMessageContent("Request", new JsonArray(
            new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Request a budget increase: payments" } },
            new JsonObject { ["type"] = "input", ["block_id"] = "amount" },
            new JsonObject { ["type"] = "input", ["block_id"] = "reason" },
            new JsonObject { ["type"] = "actions", ["block_id"] = "actions" }));

        var view = SlackFormView.Create(Form(), content, "C0CHAN", "1772442000.000100")!;

        Assert.Equal(["amount", "reason"], view["blocks"]!.AsArray().Select(b => b!["block_id"]!.GetValue<string>()));
        Assert.True(view["title"]!["text"]!.GetValue<string>().Length <= 24);
        Assert.True(SlackFormView.TryRead(view["private_metadata"]!.GetValue<string>(), out var actionId, out var payload, out var channel, out var ts));
        Assert.Equal(("approval.submit", "2026-12-01", "C0CHAN", "1772442000.000100"), (actionId, payload["periodStart"], channel, ts));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"c\":\"C0\"}")]
    public void TryRead_NotOurMetadata_False(string? metadata) => Assert.False(SlackFormView.TryRead(metadata, out _, out _, out _, out _));

    [Fact]
    public async Task Interactions_SameButtonSamePersonNewInput_HandledAgain()
    {
        await _host.PostFormAsync("/slack/interactions", [new("payload", SlackPayloads.BlockActions(_slack.HookUrl("a1"), "1772442000.000100", "1.1"))]);
        await _slack.NextCallAsync("chat.update");
        var retry = JsonNode.Parse(SlackPayloads.BlockActions(_slack.HookUrl("a2"), "1772442000.000100", "1.2"))!.AsObject();
        retry["state"]!["values"]!["reason_block"]!["reason"]!["value"] = "Q3 launch, with the numbers";
        retry["trigger_id"] = "789.012.def";

        await _host.PostFormAsync("/slack/interactions", [new("payload", retry.ToJsonString())]);
        await _slack.NextCallAsync("chat.update");

        Assert.Equal(["Q3 launch", "Q3 launch, with the numbers"], _host.Conversation.Actions.Select(a => a.Inputs["reason"]));
    }

    private static Card Form() => new("approval" + CardReply.FormSuffix, "Request a budget increase",
    [
        new TitleBlock("Request a budget increase: payments"),
        new TextInputBlock("amount", "Increase (USD)", Required: true),
        new TextInputBlock("reason", "Reason", Required: true, Multiline: true),
        new ActionsBlock([new CardAction("approval.submit", "Send request", new Dictionary<string, string> { ["budgetId"] = "payments-monthly", ["periodStart"] = "2026-12-01" })]),
    ]);

    private static string ViewSubmission(string metadata, string amount, string reason) => new JsonObject
    {
        ["type"] = "view_submission",
        ["team"] = new JsonObject { ["id"] = SlackAppHost.TeamId, ["domain"] = "acme" },
        ["user"] = new JsonObject { ["id"] = "U1", ["username"] = "alice", ["name"] = "alice", ["team_id"] = SlackAppHost.TeamId },
        ["api_app_id"] = "A0APP",
        ["trigger_id"] = "555.666.ghi",
        ["view"] = new JsonObject
        {
            ["id"] = "V0FORM",
            ["type"] = "modal",
            ["callback_id"] = SlackFormView.CallbackId,
            ["private_metadata"] = metadata,
            ["hash"] = "1772442200.abcdef",
            ["state"] = new JsonObject
            {
                ["values"] = new JsonObject
                {
                    ["amount"] = new JsonObject { ["amount"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = amount } },
                    ["reason"] = new JsonObject { ["reason"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = reason } },
                },
            },
        },
    }.ToJsonString();
}
