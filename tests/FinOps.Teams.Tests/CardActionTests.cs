using System.Net;
using System.Text.Json.Nodes;
using FinOps.Teams.Tests.Fakes;

namespace FinOps.Teams.Tests;

public sealed class CardActionTests : IAsyncLifetime
{
    private FakeBotFramework _bf = null!;
    private BotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _bf = await FakeBotFramework.StartAsync();
        _bot = await BotHost.StartAsync(_bf);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _bf.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(JsonObject activity) =>
        TeamsEndpointsTests.PostAsync(_bot, activity, "Bearer " + _bf.CreateToken(_bot.Time.GetUtcNow(), BotHost.AppId));

    [Fact]
    public async Task Invoke_ActionExecute_ReturnsAdaptiveCardInvokeResponse()
    {
        var data = new JsonObject { ["budgetId"] = "b-42", ["reason"] = "quarter end" };

        var response = await PostAsync(Activities.ExecuteInvoke(_bf.ServiceUrl, "budget.approve", data));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(["statusCode", "type", "value"], body.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        Assert.Equal("AdaptiveCard", (string?)body["value"]!["type"]);
        Assert.Equal("done: budget.approve budgetId=b-42,reason=quarter end", (string?)body["value"]!["fallbackText"]);
        var action = Assert.Single(_bot.Conversation.Actions);
        Assert.Equal("1700000000009", action.MessageId);
        Assert.Equal(Activities.UserAadObjectId, action.User.AadObjectId);
        Assert.Equal("quarter end", action.Inputs["reason"]);
        Assert.Empty(_bf.Calls);
    }

    [Fact]
    public async Task Invoke_SecondClickOnSameCard_HandledOnceSameCardReturned()
    {
        var data = new JsonObject { ["budgetId"] = "b-42" };

        var first = await (await PostAsync(Activities.ExecuteInvoke(_bf.ServiceUrl, "budget.approve", data))).Content.ReadAsStringAsync();
        var second = await (await PostAsync(Activities.ExecuteInvoke(_bf.ServiceUrl, "budget.approve", (JsonObject)data.DeepClone()))).Content.ReadAsStringAsync();

        Assert.Single(_bot.Conversation.Actions);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(first), JsonNode.Parse(second)));
    }

    [Fact]
    public async Task Invoke_SameActionOnAnotherCard_HandledAgain()
    {
        await PostAsync(Activities.ExecuteInvoke(_bf.ServiceUrl, "budget.approve", new JsonObject(), cardActivityId: "card-1"));
        await PostAsync(Activities.ExecuteInvoke(_bf.ServiceUrl, "budget.approve", new JsonObject(), cardActivityId: "card-2"));

        Assert.Equal(2, _bot.Conversation.Actions.Count);
    }

    [Fact]
    public async Task Invoke_WithoutVerb_BadRequestErrorResponse()
    {
        var activity = Activities.ExecuteInvoke(_bf.ServiceUrl, "x", new JsonObject());
        activity["value"]!["action"]!.AsObject().Remove("verb");

        var response = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.error", (string?)body["type"]);
        Assert.Equal("BadRequest", (string?)body["value"]!["code"]);
        Assert.Empty(_bot.Conversation.Actions);
    }

    [Fact]
    public async Task Invoke_OtherInvokeName_NotImplemented()
    {
        var activity = Activities.ExecuteInvoke(_bf.ServiceUrl, "x", new JsonObject());
        activity["name"] = "composeExtension/query";

        var response = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Empty(_bot.Conversation.Actions);
    }

    [Fact]
    public async Task Message_ActionSubmitWithVerb_ActionHandledAndCardUpdatedInPlace()
    {
        var activity = Activities.Message(_bf.ServiceUrl, string.Empty);
        activity.Remove("text");
        activity["replyToId"] = "card-7";
        activity["value"] = new JsonObject { ["verb"] = "budget.reject", ["budgetId"] = "b-7", ["reason"] = "too much" };

        var response = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var action = Assert.Single(_bot.Conversation.Actions);
        Assert.Equal("budget.reject", action.ActionId);
        Assert.Equal("b-7", action.Payload["budgetId"]);
        Assert.False(action.Payload.ContainsKey("verb"));
        Assert.Empty(_bot.Conversation.Messages);
        var call = await _bf.NextCallAsync();
        Assert.Equal("PUT", call.Method);
        Assert.EndsWith("/activities/card-7", call.RawPath, StringComparison.Ordinal);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)call.Body!["attachments"]![0]!["contentType"]);
    }
}
