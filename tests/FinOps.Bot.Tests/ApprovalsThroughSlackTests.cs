using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FinOps.Bot.Tests.Infrastructure;
using FinOps.Conversation.Budgets;
using FinOps.Core.Approvals;
using FinOps.Core.Budgets;
using FinOps.Core.Query;
using FinOps.Slack.BlockKit;
using FinOps.Slack.Security;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Bot.Tests;

/// <summary>
/// The approval flow end to end through signed Slack interactions against the real host (fake Slack Web API on 127.0.0.1,
/// signing secret made here): the alert card's "Request increase" opens the modal with the click's trigger_id, its
/// view_submission posts the request card to the owners, a bystander is refused privately, the owner's Approve updates every
/// copy and tells the requester; and the same request decided at once from Slack and from Teams on one SQLite store.
/// </summary>
public sealed class ApprovalsThroughSlackTests
{
    private const string Team = "T0ACME";
    private const string Channel = "C05PAYMENTS";
    private const string Priya = "U0PAYMENTS1";
    private const string Marcus = "U0PAYMENTS2";
    private const string Daniel = "U0SEARCHXX1";
    private const string Grace = "U0FINOPSLD1";
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string PriyaDm = "D0" + Priya;
    private const string MarcusDm = "D0" + Marcus;

    [Fact]
    public async Task Interactions_RequestFromAlertThenBystanderThenOwnerApproves_ModalRequestCardsOneDecisionEveryCopyUpdated()
    {
        await using var slack = await RecordingServer.StartAsync();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var factory = Factory(slack, secret);
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();

        // Marcus clicks "Request increase" on the budget alert card as the host renders it.
        var alert = factory.Services.GetRequiredService<IBlockKitRenderer>().Render(BudgetAlertCardComposer.Compose(
            new BudgetAlert("Payments", new BudgetThreshold(BudgetThresholdKind.Forecast, 100m), MarchBudget.Budget, [], [])));
        var requestIncrease = Buttons(alert.Blocks).Single(b => Title(b) == "Request increase");
        using (var click = await PostInteractionAsync(client, factory, secret, BlockActions(slack, Marcus, Channel, "1772600000.000900", requestIncrease, "1772600100.000001")))
        {
            Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        }

        var open = await WaitForAsync(slack, r => r.Path == "/api/views.open");
        Assert.Equal(TriggerOf("1772600100.000001"), open.Json["trigger_id"]!.GetValue<string>());
        var modal = open.Json["view"]!.AsObject();
        CardOracle.AssertValidBlockKit(new JsonObject { ["text"] = "modal", ["blocks"] = modal["blocks"]!.DeepClone() });

        using (var submit = await PostInteractionAsync(client, factory, secret, ViewSubmission(Marcus, modal["private_metadata"]!.GetValue<string>(), "2,000", "launch traffic")))
        {
            Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        }

        var toPriya = await WaitForAsync(slack, r => r.Path == "/api/chat.postMessage" && r.Json["channel"]?.GetValue<string>() == PriyaDm);
        var store = factory.Services.GetRequiredService<IApprovalStore>();
        var request = Assert.Single(await store.ListAsync(null, null, CancellationToken.None));
        Assert.Equal((2000m, "launch traffic", "marcus.webb@acme-commerce.example"), (request.Amount, request.Reason, request.Requester.Key));
        CardOracle.AssertValidBlockKit(new JsonObject { ["text"] = toPriya.Json["text"]!.DeepClone(), ["blocks"] = toPriya.Json["blocks"]!.DeepClone() });
        Assert.Contains("launch traffic", toPriya.Body, StringComparison.Ordinal);
        Assert.Contains("Amazon EC2 (service)", toPriya.Body, StringComparison.Ordinal);
        var priyaTs = toPriya.Answer["ts"]!.GetValue<string>();
        var approve = Buttons(toPriya.Json["blocks"]!.AsArray()).Single(b => Title(b) == "Approve");
        var requested = await WaitForAsync(slack, r => r.Path == "/api/chat.postEphemeral");
        Assert.StartsWith("Requested +2,000.00 USD for payments", requested.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((Channel, Marcus), (requested.Json["channel"]!.GetValue<string>(), requested.Json["user"]!.GetValue<string>()));

        // Daniel (another team) clicks Approve: only he is told, through the click's response_url; nothing changes.
        using (var bystander = await PostInteractionAsync(client, factory, secret, BlockActions(slack, Daniel, PriyaDm, priyaTs, approve, "1772600200.000001", "hooks/daniel")))
        {
            Assert.Equal(HttpStatusCode.OK, bystander.StatusCode);
        }

        var refusal = await WaitForAsync(slack, r => r.Path == "/hooks/daniel");
        Assert.Equal("ephemeral", refusal.Json["response_type"]!.GetValue<string>());
        Assert.Contains("can't approve", refusal.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Pending, (await store.FindAsync(request.Id, CancellationToken.None))!.Status);
        Assert.DoesNotContain(slack.Requests, r => r.Path == "/api/chat.update");

        using (var decided = await PostInteractionAsync(client, factory, secret, BlockActions(slack, Priya, PriyaDm, priyaTs, approve, "1772600300.000001")))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        await WaitForAsync(slack, r => r.Path == "/api/chat.postMessage" && r.Json["channel"]?.GetValue<string>() == Channel && r.Body.Contains("Approved by Priya Raman", StringComparison.Ordinal));
        var copies = await store.MessagesAsync(request.Id, CancellationToken.None);
        // A Slack copy's message id is "{DM channel}:{ts}" (the DM is only known after conversations.open).
        var slackCopies = copies.Where(c => c.Channel == "slack").Select(c => c.MessageId.Split(':')).ToList();
        Assert.Equal([PriyaDm, MarcusDm], slackCopies.Select(c => c[0]).Order(StringComparer.Ordinal));
        foreach (var copy in slackCopies)
        {
            var update = await WaitForAsync(slack, r => r.Path == "/api/chat.update" && r.Json["ts"]?.GetValue<string>() == copy[1] && r.Body.Contains("Approved by Priya Raman", StringComparison.Ordinal));
            Assert.Equal(copy[0], update.Json["channel"]!.GetValue<string>());
            Assert.DoesNotContain("\"Approve\"", update.Json["blocks"]!.ToJsonString(), StringComparison.Ordinal);
            CardOracle.AssertValidBlockKit(new JsonObject { ["text"] = update.Json["text"]!.DeepClone(), ["blocks"] = update.Json["blocks"]!.DeepClone() });
        }

        Assert.Equal(ApprovalStatus.Approved, (await store.FindAsync(request.Id, CancellationToken.None))!.Status);
        var audit = await store.AuditAsync(request.Id, CancellationToken.None);
        Assert.Single(audit, a => a.Kind == ApprovalEventKind.Approved);
        Assert.Equal("slack", Assert.Single(audit, a => a.Kind == ApprovalEventKind.Approved).Channel);
        Assert.Equal(2000m, await factory.Services.GetRequiredService<IBudgetIncreases>().GetApprovedIncreaseAsync(MarchBudget.Budget.BudgetId, MarchBudget.March, CancellationToken.None));
    }

    [Fact]
    public async Task Decide_SlackApproveAndTeamsDenyAtOnce_ExactlyOneDecisionAndTheOtherSeesIt()
    {
        await using var platform = await RecordingServer.StartAsync();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var factory = Factory(platform, secret);
        factory.Settings["Teams:DevelopmentServiceUrl"] = platform.BaseUrl.AbsoluteUri;
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        await PostTeamsAsync(client, TeamsMessage(platform.BaseUrl, "help", "1772600000301"));

        // Grace (finance) requests from Slack; the owners Priya (Slack) and Marcus (Teams) get the card.
        var alert = factory.Services.GetRequiredService<IBlockKitRenderer>().Render(BudgetAlertCardComposer.Compose(
            new BudgetAlert("Payments", new BudgetThreshold(BudgetThresholdKind.Forecast, 100m), MarchBudget.Budget, [], [])));
        (await PostInteractionAsync(client, factory, secret, BlockActions(platform, Grace, Channel, "1772600000.000900", Buttons(alert.Blocks).Single(b => Title(b) == "Request increase"), "1772600400.000001"))).Dispose();
        var modal = (await WaitForAsync(platform, r => r.Path == "/api/views.open")).Json["view"]!.AsObject();
        (await PostInteractionAsync(client, factory, secret, ViewSubmission(Grace, modal["private_metadata"]!.GetValue<string>(), "3000", "holiday peak"))).Dispose();

        var toPriya = await WaitForAsync(platform, r => r.Path == "/api/chat.postMessage" && r.Json["channel"]?.GetValue<string>() == PriyaDm);
        var toMarcus = await WaitForAsync(platform, r => r.Method == "POST" && r.Path == "/v3/conversations/a:1marcus-personal/activities" && r.Body.Contains("Budget increase request", StringComparison.Ordinal));
        var teamsCard = toMarcus.Json["attachments"]![0]!["content"]!.AsObject();
        var teamsCardId = toMarcus.Answer["id"]!.GetValue<string>();
        var marcusView = (await InvokeTeamsAsync(client, platform.BaseUrl, teamsCard["refresh"]!["action"]!, teamsCardId))["value"]!.AsObject();
        var deny = Descendants(marcusView).First(n => n["type"]?.GetValue<string>() == "Action.Execute" && n["title"]?.GetValue<string>() == "Deny").DeepClone();
        deny["data"]!["note"] = "not this month";
        var approve = Buttons(toPriya.Json["blocks"]!.AsArray()).Single(b => Title(b) == "Approve");
        var priyaTs = toPriya.Answer["ts"]!.GetValue<string>();

        var slackClick = PostInteractionAsync(client, factory, secret, BlockActions(platform, Priya, PriyaDm, priyaTs, approve, "1772600500.000001"));
        var teamsClick = InvokeTeamsAsync(client, platform.BaseUrl, deny, teamsCardId);
        await Task.WhenAll(slackClick, teamsClick);
        (await slackClick).Dispose();

        var store = factory.Services.GetRequiredService<IApprovalStore>();
        var request = Assert.Single(await store.ListAsync(null, null, CancellationToken.None));
        // The Slack click is processed by the host's worker after its 200: wait for its answer in place on Priya's copy.
        var slackAnswer = await WaitForAsync(platform, r => r.Path == "/api/chat.update" && r.Json["ts"]?.GetValue<string>() == priyaTs
            && (r.Body.Contains("Approved by Priya Raman", StringComparison.Ordinal) || r.Body.Contains("Denied by Marcus Webb", StringComparison.Ordinal)));
        request = (await store.FindAsync(request.Id, CancellationToken.None))!;
        var audit = await store.AuditAsync(request.Id, CancellationToken.None);
        var decision = Assert.Single(audit, a => a.Kind is ApprovalEventKind.Approved or ApprovalEventKind.Denied);
        var outcome = ApprovalService.Outcome(request);
        Assert.Equal(request.Status == ApprovalStatus.Approved ? ApprovalEventKind.Approved : ApprovalEventKind.Denied, decision.Kind);
        Assert.Equal(request.Status == ApprovalStatus.Approved ? "slack" : "teams", decision.Channel);
        // Whichever lost sees the winner's outcome: the Teams invoke answer and Priya's Slack copy both say it.
        Assert.Contains(outcome.Split(':')[0], (await teamsClick).ToJsonString(), StringComparison.Ordinal);
        await WaitForAsync(platform, r => r.Path == "/api/chat.update" && r.Json["ts"]?.GetValue<string>() == priyaTs && r.Body.Contains(outcome.Split(':')[0], StringComparison.Ordinal));
        Assert.NotNull(slackAnswer);
        Assert.Equal(request.Status == ApprovalStatus.Approved ? 3000m : 0m, await factory.Services.GetRequiredService<IBudgetIncreases>().GetApprovedIncreaseAsync(MarchBudget.Budget.BudgetId, MarchBudget.March, CancellationToken.None));
    }

    private static BotFactory Factory(RecordingServer slack, string secret)
    {
        var factory = new BotFactory();
        factory.Settings["Slack:SigningSecret"] = secret;
        factory.Settings["Slack:BotToken"] = "xoxb-e2e-token";
        factory.Settings["Slack:BotUserId"] = "U0FINBOT";
        factory.Settings["Slack:ApiBaseUrl"] = new Uri(slack.BaseUrl, "api/").AbsoluteUri;
        factory.Settings["Slack:PostInterval"] = "00:00:00";
        factory.Settings["Slack:RetryBaseDelay"] = "00:00:00.001";
        factory.Settings["Slack:WorkerCount"] = "1";
        factory.ConfigureTestServices = s => s.AddSingleton<IBudgetStatusService>(new MarchBudget());
        return factory;
    }

    private static async Task<HttpResponseMessage> PostInteractionAsync(HttpClient client, BotFactory factory, string secret, string payload)
    {
        using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("payload", payload)]);
        var bytes = Encoding.UTF8.GetBytes(await form.ReadAsStringAsync());
        var timestamp = factory.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/interactions") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        request.Headers.Add(SlackSignatureFilter.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignatureFilter.SignatureHeader, SlackSignature.Compute(secret, timestamp, bytes));
        return await client.SendAsync(request);
    }

    private static async Task<RecordedRequest> WaitForAsync(RecordingServer server, Func<RecordedRequest, bool> match)
    {
        // Bounded failure guard: the host answers Slack first and does the work in its background worker.
        for (var i = 0; i < 600; i++)
        {
            if (server.Requests.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("Expected request not recorded. Seen: " + string.Join("\n", server.Requests.Select(r => r.Method + " " + r.Path + " " + r.Body[..Math.Min(r.Body.Length, 200)])));
    }

    private static IEnumerable<JsonNode> Buttons(JsonArray blocks) => blocks
        .Where(b => b!["type"]!.GetValue<string>() == "actions")
        .SelectMany(b => b!["elements"]!.AsArray())
        .Where(e => e!["type"]!.GetValue<string>() == "button")
        .Select(e => e!);

    private static string Title(JsonNode button) => button["text"]!["text"]!.GetValue<string>();

    private static string TriggerOf(string actionTs) => "1337." + actionTs.Replace(".", string.Empty, StringComparison.Ordinal) + ".abc";

    /// <summary>A <c>block_actions</c> payload: <paramref name="user"/> clicks <paramref name="button"/> of the bot message at <paramref name="messageTs"/>.</summary>
    private static string BlockActions(RecordingServer slack, string user, string channel, string messageTs, JsonNode button, string actionTs, string hook = "hooks/1") => new JsonObject
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["name"] = user.ToLowerInvariant(), ["team_id"] = Team },
        ["api_app_id"] = "A0FINOPS",
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel, ["is_ephemeral"] = false },
        ["trigger_id"] = TriggerOf(actionTs),
        ["team"] = new JsonObject { ["id"] = Team, ["domain"] = "acme" },
        ["channel"] = new JsonObject { ["id"] = channel, ["name"] = channel.ToLowerInvariant() },
        ["message"] = new JsonObject { ["type"] = "message", ["ts"] = messageTs, ["text"] = "card" },
        ["state"] = new JsonObject { ["values"] = new JsonObject() },
        ["response_url"] = new Uri(slack.BaseUrl, hook).AbsoluteUri,
        ["actions"] = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = button["action_id"]!.GetValue<string>(),
                ["block_id"] = "actions",
                ["value"] = button["value"]?.GetValue<string>(),
                ["text"] = button["text"]!.DeepClone(),
                ["action_ts"] = actionTs,
            },
        },
    }.ToJsonString();

    /// <summary>A <c>view_submission</c> of the request modal (its private_metadata as views.open got it) with amount and reason typed.</summary>
    private static string ViewSubmission(string user, string metadata, string amount, string reason) => new JsonObject
    {
        ["type"] = "view_submission",
        ["team"] = new JsonObject { ["id"] = Team, ["domain"] = "acme" },
        ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["name"] = user.ToLowerInvariant(), ["team_id"] = Team },
        ["api_app_id"] = "A0FINOPS",
        ["trigger_id"] = "555.666." + user,
        ["view"] = new JsonObject
        {
            ["id"] = "V0FORM" + user,
            ["type"] = "modal",
            ["callback_id"] = SlackFormView.CallbackId,
            ["private_metadata"] = metadata,
            ["hash"] = "1772600150.abcdef",
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

    private static async Task PostTeamsAsync(HttpClient client, JsonObject activity)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), activity);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
    }

    /// <summary>Marcus's Action.Execute invoke of <paramref name="button"/> on the Teams card <paramref name="cardActivityId"/>.</summary>
    private static async Task<JsonObject> InvokeTeamsAsync(HttpClient client, Uri serviceUrl, JsonNode button, string cardActivityId)
    {
        var activity = TeamsMessage(serviceUrl, string.Empty, "f:invoke-" + Guid.NewGuid().ToString("N"));
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = cardActivityId;
        activity.Remove("text");
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = button["verb"]!.DeepClone(), ["data"] = button["data"]?.DeepClone() ?? new JsonObject() },
            ["trigger"] = "manual",
        };
        using var response = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>A message from Marcus in his personal Teams chat (Teams development mode: unsigned, served by the fake connector).</summary>
    private static JsonObject TeamsMessage(Uri serviceUrl, string text, string id) => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["timestamp"] = "2026-03-04T09:30:00.000Z",
        ["serviceUrl"] = serviceUrl.AbsoluteUri,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:1marcus", ["name"] = "Marcus Webb", ["aadObjectId"] = "6d796170-6e65-7374-0000-000000000e02" },
        ["conversation"] = new JsonObject { ["id"] = "a:1marcus-personal", ["conversationType"] = "personal", ["tenantId"] = Tenant },
        ["recipient"] = new JsonObject { ["id"] = "28:finops-bot", ["name"] = "FinOps Bot" },
        ["textFormat"] = "plain",
        ["text"] = text,
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
    };

    private static IEnumerable<JsonNode> Descendants(JsonNode node) => node switch
    {
        JsonObject o => new[] { node }.Concat(o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants)),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Descendants),
        _ => [],
    };

    private sealed class MarchBudget : IBudgetStatusService
    {
        public static readonly DateRange March = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1));

        public static readonly BudgetStatus Budget = new(
            "payments-monthly", "payments", new Dictionary<Dimension, IReadOnlyList<string>>(), March, CostMetric.EffectiveCost, "USD",
            20000m, 0m, 3000m, null, BudgetState.Ok);

        public Task<IReadOnlyList<BudgetStatus>> GetStatusAsync(DateOnly asOf, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<BudgetStatus>>(March.Contains(asOf) ? [Budget] : []);

        public Task<BudgetStatus?> FindAsync(string budgetId, DateOnly asOf, CancellationToken cancellationToken) =>
            Task.FromResult(budgetId == Budget.BudgetId && March.Contains(asOf) ? Budget : null);

        public Task<IReadOnlyList<BudgetDriver>> GetDriversAsync(string budgetId, DateOnly asOf, int top, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<BudgetDriver>>(budgetId == Budget.BudgetId ? [new BudgetDriver(Dimension.Service, "Amazon EC2", 1800m, 1200m)] : []);
    }
}
