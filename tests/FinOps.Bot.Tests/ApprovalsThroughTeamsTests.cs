using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FinOps.Bot.Tests.Infrastructure;
using FinOps.Core.Approvals;
using FinOps.Core.Budgets;
using FinOps.Core.Query;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Bot.Tests;

/// <summary>
/// The approval flow through the real host and Teams development mode: a request typed in a personal chat, the request
/// card posted to the owner's personal chat, Action.Execute invokes from the requester (refused, privately) and from the
/// owner (decided once), every copy updated and the requester told; the posted copy is read-only with a Universal Actions
/// refresh for the approver, whose refresh shows the buttons while others' shows the request read-only.
/// </summary>
public sealed class ApprovalsThroughTeamsTests
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static readonly (string Id, string Aad, string Name, string Conversation) Priya = ("29:1priya", "6d796170-6e65-7374-0000-000000000e01", "Priya Raman", "a:1priya-personal");
    private static readonly (string Id, string Aad, string Name, string Conversation) Marcus = ("29:1marcus", "6d796170-6e65-7374-0000-000000000e02", "Marcus Webb", "a:1marcus-personal");
    private static readonly (string Id, string Aad, string Name, string Conversation) Grace = ("29:1grace", "f1a0c5e2-7b3d-4e9a-8c6f-0d2e4b6a8c01", "Grace Adeyemi", "a:1grace-personal");

    [Fact]
    public async Task Invoke_RefreshThenRequesterThenOwnerApproveTwice_ButtonsForApproverOnlyRefusedPrivatelyThenOneDecision()
    {
        await using var connector = await RecordingServer.StartAsync();
        await using var factory = new BotFactory();
        factory.Settings["Teams:DevelopmentServiceUrl"] = connector.BaseUrl.AbsoluteUri;
        factory.ConfigureTestServices = s => s.AddSingleton<IBudgetStatusService>(new MarchBudget());
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();

        // Priya talks to the bot first, so her personal chat reference is stored.
        await PostAsync(client, Message(connector.BaseUrl, Priya, "help", "1772600000101"));
        await PostAsync(client, Message(connector.BaseUrl, Marcus, "request +$2,000 for payments this month: launch traffic", "1772600000102"));

        var toPriya = await WaitForAsync(connector, r => r.Method == "POST" && r.Path == $"/v3/conversations/{Priya.Conversation}/activities" && r.Body.Contains("Budget increase request", StringComparison.Ordinal));
        var card = toPriya.Json["attachments"]![0]!["content"]!.AsObject();
        CardOracle.AssertValidAdaptiveCard(card);
        var cardId = toPriya.Answer["id"]!.GetValue<string>();

        // The posted copy is read-only for everyone; Priya's client refreshes it (Universal Actions) to her view with the buttons.
        Assert.Null(ApproveButton(card["body"]!));
        var refresh = card["refresh"]!["action"]!;
        Assert.Equal(["29:1priya"], card["refresh"]!["userIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        var priyaView = (await InvokeAsync(client, connector.BaseUrl, Priya, refresh, cardId))["value"]!.AsObject();
        var marcusView = (await InvokeAsync(client, connector.BaseUrl, Marcus, refresh, cardId))["value"]!.AsObject();
        CardOracle.AssertValidAdaptiveCard(priyaView);
        CardOracle.AssertValidAdaptiveCard(marcusView);
        Assert.Null(ApproveButton(marcusView));
        Assert.Contains("launch traffic", marcusView.ToJsonString(), StringComparison.Ordinal);
        var approve = ApproveButton(priyaView)!;

        var refused = await InvokeAsync(client, connector.BaseUrl, Marcus, approve, cardId);
        Assert.Contains("approve your own request", refused.ToJsonString(), StringComparison.Ordinal);
        var store = factory.Services.GetRequiredService<IApprovalStore>();
        var request = Assert.Single(await store.ListAsync(null, null, CancellationToken.None));
        Assert.Equal(ApprovalStatus.Pending, request.Status);

        var first = await InvokeAsync(client, connector.BaseUrl, Priya, approve, cardId);
        var second = await InvokeAsync(client, connector.BaseUrl, Priya, approve, cardId);

        Assert.Contains("Approved by Priya Raman", first.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Approved by Priya Raman", second.ToJsonString(), StringComparison.Ordinal);
        CardOracle.AssertValidAdaptiveCard(first["value"]!.AsObject());
        Assert.Equal(ApprovalStatus.Approved, (await store.FindAsync(request.Id, CancellationToken.None))!.Status);
        Assert.Single(await store.AuditAsync(request.Id, CancellationToken.None), a => a.Kind == ApprovalEventKind.Approved);
        await WaitForAsync(connector, r => r.Method == "PUT" && r.Path.StartsWith($"/v3/conversations/{Priya.Conversation}/activities/", StringComparison.Ordinal));
        await WaitForAsync(connector, r => r.Method == "POST" && r.Path == $"/v3/conversations/{Marcus.Conversation}/activities" && r.Body.Contains("Approved by Priya Raman", StringComparison.Ordinal));
        var decidedView = (await InvokeAsync(client, connector.BaseUrl, Priya, refresh, cardId))["value"]!.AsObject();
        Assert.Null(ApproveButton(decidedView));
        Assert.Contains("Approved by Priya Raman", decidedView.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(2000m, await factory.Services.GetRequiredService<IBudgetIncreases>().GetApprovedIncreaseAsync("payments-monthly", MarchBudget.March, CancellationToken.None));
    }

    [Fact]
    public async Task Invoke_AskThenOwnerStepThenFinance_EveryCardKeepsTheCurrentDecidersRefreshAndTheDrivers()
    {
        await using var connector = await RecordingServer.StartAsync();
        await using var factory = new BotFactory();
        factory.Settings["Teams:DevelopmentServiceUrl"] = connector.BaseUrl.AbsoluteUri;
        factory.Settings["Budgets:FinanceApprovalAbove"] = "1000";
        factory.ConfigureTestServices = s => s.AddSingleton<IBudgetStatusService>(new MarchBudget());
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        await PostAsync(client, Message(connector.BaseUrl, Priya, "help", "1772600000201"));
        await PostAsync(client, Message(connector.BaseUrl, Grace, "help", "1772600000202"));
        await PostAsync(client, Message(connector.BaseUrl, Marcus, "request +$2,000 for payments this month: launch traffic", "1772600000203"));

        var toPriya = await WaitForAsync(connector, r => r.Method == "POST" && r.Path == $"/v3/conversations/{Priya.Conversation}/activities" && r.Body.Contains("Budget increase request", StringComparison.Ordinal));
        var posted = toPriya.Json["attachments"]![0]!["content"]!.AsObject();
        CardOracle.AssertValidAdaptiveCard(posted);
        Assert.Equal(["29:1priya"], UserIds(posted));
        Assert.Contains("Amazon EC2 (service)", posted.ToJsonString(), StringComparison.Ordinal);
        var cardId = toPriya.Answer["id"]!.GetValue<string>();
        var priyaView = (await InvokeAsync(client, connector.BaseUrl, Priya, posted["refresh"]!["action"]!, cardId))["value"]!.AsObject();

        // Ask for info: the answer replaces Priya's card for her alone, so it keeps refreshing for her, with the buttons.
        var ask = Button(priyaView, "Ask for info")!.DeepClone();
        ask["data"]!["note"] = "Which launch is this for?";
        var asked = (await InvokeAsync(client, connector.BaseUrl, Priya, ask, cardId))["value"]!.AsObject();
        CardOracle.AssertValidAdaptiveCard(asked);
        Assert.Equal(["29:1priya"], UserIds(asked));
        Assert.NotNull(Button(asked, "Approve"));
        Assert.Contains("Asked Marcus Webb", asked.ToJsonString(), StringComparison.Ordinal);
        await WaitForAsync(connector, r => r.Method == "POST" && r.Path == $"/v3/conversations/{Marcus.Conversation}/activities" && r.Body.Contains("Which launch is this for?", StringComparison.Ordinal));

        // Priya approves her step: every copy is updated for finance's refresh (Grace), and Priya's own answer is read-only.
        var approved = (await InvokeAsync(client, connector.BaseUrl, Priya, Button(asked, "Approve")!, cardId))["value"]!.AsObject();
        Assert.Null(Button(approved, "Approve"));
        Assert.Contains("finance approval", approved.ToJsonString(), StringComparison.Ordinal);
        var update = await WaitForAsync(connector, r => r.Method == "PUT" && r.Path == $"/v3/conversations/{Priya.Conversation}/activities/{cardId}" && r.Body.Contains("pending (finance)", StringComparison.Ordinal));
        var updated = update.Json["attachments"]![0]!["content"]!.AsObject();
        CardOracle.AssertValidAdaptiveCard(updated);
        Assert.Equal(["29:1grace"], UserIds(updated));
        Assert.Null(Button(updated, "Approve"));
        Assert.Contains("Amazon EC2 (service)", updated.ToJsonString(), StringComparison.Ordinal);
        var toGrace = await WaitForAsync(connector, r => r.Method == "POST" && r.Path == $"/v3/conversations/{Grace.Conversation}/activities" && r.Body.Contains("Budget increase request", StringComparison.Ordinal));
        Assert.Equal(["29:1grace"], UserIds(toGrace.Json["attachments"]![0]!["content"]!.AsObject()));
        var graceView = (await InvokeAsync(client, connector.BaseUrl, Grace, posted["refresh"]!["action"]!, cardId))["value"]!.AsObject();
        var priyaAfter = (await InvokeAsync(client, connector.BaseUrl, Priya, posted["refresh"]!["action"]!, cardId))["value"]!.AsObject();
        Assert.NotNull(Button(graceView, "Approve"));
        Assert.Null(Button(priyaAfter, "Approve"));
        var store = factory.Services.GetRequiredService<IApprovalStore>();
        var request = Assert.Single(await store.ListAsync(null, null, CancellationToken.None));
        Assert.Equal((ApprovalStatus.Pending, 1), (request.Status, request.Step));
    }

    private static async Task PostAsync(HttpClient client, JsonObject activity)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), activity);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
    }

    private static async Task<JsonObject> InvokeAsync(HttpClient client, Uri serviceUrl, (string Id, string Aad, string Name, string Conversation) user, JsonNode button, string cardActivityId)
    {
        var activity = Message(serviceUrl, user, string.Empty, "f:invoke-" + Guid.NewGuid().ToString("N"));
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

    private static async Task<RecordedRequest> WaitForAsync(RecordingServer connector, Func<RecordedRequest, bool> match)
    {
        // Bounded failure guard; the proactive sends run in the background after the reply.
        for (var i = 0; i < 400; i++)
        {
            if (connector.Requests.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("Expected request not recorded. Seen: " + string.Join("\n", connector.Requests.Select(r => r.Method + " " + r.Path + " " + r.Body[..Math.Min(r.Body.Length, 600)])));
    }

    private static JsonNode? ApproveButton(JsonNode node) => Button(node, "Approve");

    private static JsonNode? Button(JsonNode node, string title) =>
        Descendants(node).FirstOrDefault(n => n["type"]?.GetValue<string>() == "Action.Execute" && n["title"]?.GetValue<string>() == title);

    private static string[] UserIds(JsonObject card) =>
        card["refresh"]?["userIds"]?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? [];

    private static IEnumerable<JsonNode> Descendants(JsonNode node) => node switch
    {
        JsonObject o => new[] { node }.Concat(o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants)),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Descendants),
        _ => [],
    };

    private static JsonObject Message(Uri serviceUrl, (string Id, string Aad, string Name, string Conversation) user, string text, string id) => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["timestamp"] = "2026-03-04T09:30:00.000Z",
        ["serviceUrl"] = serviceUrl.AbsoluteUri,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = user.Id, ["name"] = user.Name, ["aadObjectId"] = user.Aad },
        ["conversation"] = new JsonObject { ["id"] = user.Conversation, ["conversationType"] = "personal", ["tenantId"] = Tenant },
        ["recipient"] = new JsonObject { ["id"] = "28:finops-bot", ["name"] = "FinOps Bot" },
        ["textFormat"] = "plain",
        ["text"] = text,
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
    };

    private sealed class MarchBudget : IBudgetStatusService
    {
        public static readonly DateRange March = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1));

        private static readonly BudgetStatus Budget = new(
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
