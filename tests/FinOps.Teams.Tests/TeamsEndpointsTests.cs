using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FinOps.Teams.Tests.Fakes;
using Microsoft.IdentityModel.Tokens;

namespace FinOps.Teams.Tests;

public sealed class TeamsEndpointsTests : IAsyncLifetime
{
    private FakeBotFramework _bf = null!;
    private BotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _bf = await FakeBotFramework.StartAsync();
        _bot = await BotHost.StartAsync(_bf, s =>
        {
            s["Teams:TenantId"] = FakeBotFramework.TenantId;
            s["Teams:EntraStsHost"] = _bf.EntraLoginHost + "/sts";
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _bf.DisposeAsync();
    }

    private DateTimeOffset Now => _bot.Time.GetUtcNow();

    private string ValidToken() => _bf.CreateToken(Now, BotHost.AppId);

    [Fact]
    public async Task PostMessages_SignedMessage_AnswerPostedBackToServiceUrlWithBearerToken()
    {
        var response = await PostAsync(Activities.Message(_bf.ServiceUrl, "What did we spend last month?"), "Bearer " + ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = await _bf.NextCallAsync();
        Assert.Equal("POST", call.Method);
        Assert.Equal($"/teams/v3/conversations/{Uri.EscapeDataString(Activities.PersonalConversationId)}/activities/1700000000001", call.RawPath);
        Assert.Equal("Bearer " + FakeBotFramework.AccessToken, call.Authorization);
        Assert.Equal("message", (string?)call.Body!["type"]);
        Assert.Null(call.Body["text"]);
        var attachment = call.Body["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        Assert.Equal("answer: What did we spend last month?", (string?)attachment["content"]!["fallbackText"]);
        Assert.Equal("1700000000001", (string?)call.Body["replyToId"]);
        var message = Assert.Single(_bot.Conversation.Messages);
        Assert.Equal("teams", message.User.Channel);
        Assert.Equal(Activities.UserAadObjectId, message.User.AadObjectId);
        Assert.Equal(FakeBotFramework.TenantId, message.Conversation.Workspace);
    }

    [Fact]
    public async Task PostMessages_ChannelMention_BotMentionStrippedAndConversationIdEscaped()
    {
        var response = await PostAsync(Activities.ChannelMention(_bf.ServiceUrl, "top services this month"), "Bearer " + ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = await _bf.NextCallAsync();
        Assert.Equal("/teams/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1700000000000/activities/1700000000001", call.RawPath);
        Assert.Equal("top services this month", Assert.Single(_bot.Conversation.Messages).Text);
        var reference = await _bot.References.GetAsync("19:abc@thread.tacv2;messageid=1700000000000", CancellationToken.None);
        Assert.Equal("19:team@thread.tacv2", reference!.TeamId);
        Assert.Equal("19:abc@thread.tacv2", reference.ChannelId);
    }

    [Fact]
    public async Task PostMessages_SlowAnswer_TypingThenAnswerFromBackground()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _bot.Conversation.AnswerGate = gate;

        var post = PostAsync(Activities.Message(_bf.ServiceUrl, "forecast for this month"), "Bearer " + ValidToken());
        await _bot.Conversation.AnswerStarted.Task.WaitAsync(TimeSpan.FromSeconds(15));
        _bot.Time.Advance(TimeSpan.FromSeconds(1));
        var response = await post;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var typing = await _bf.NextCallAsync();
        Assert.Equal("typing", (string?)typing.Body!["type"]);
        Assert.Single(_bf.Calls);

        gate.SetResult();
        var answer = await _bf.NextCallAsync();
        Assert.Equal("answer: forecast for this month", (string?)answer.Body!["attachments"]![0]!["content"]!["fallbackText"]);
    }

    [Fact]
    public async Task PostMessages_SecondMessage_MetadataAndAccessTokenCached()
    {
        await PostAsync(Activities.Message(_bf.ServiceUrl, "one"), "Bearer " + ValidToken());
        await _bf.NextCallAsync();
        await PostAsync(Activities.Message(_bf.ServiceUrl, "two"), "Bearer " + ValidToken());
        await _bf.NextCallAsync();

        Assert.Equal(1, _bf.KeySetRequests);
        Assert.Equal(1, _bf.TokenRequests);
    }

    [Fact]
    public async Task PostMessages_KeyRotated_MetadataRefreshedOnceAndTokenAccepted()
    {
        await PostAsync(Activities.Message(_bf.ServiceUrl, "before rotation"), "Bearer " + ValidToken());
        await _bf.NextCallAsync();
        _bf.PublishRotatedKey = true;

        var response = await PostAsync(Activities.Message(_bf.ServiceUrl, "after rotation"), "Bearer " + _bf.CreateToken(Now, BotHost.AppId, key: _bf.RotatedKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("after rotation", _bot.Conversation.Messages.Last().Text);
    }

    [Fact]
    public async Task PostMessages_ManyUnknownKeyIds_MetadataForcedRefreshAtMostOncePerInterval()
    {
        for (var i = 0; i < 5; i++)
        {
            var response = await PostAsync(Activities.Message(_bf.ServiceUrl, "forged"), "Bearer " + _bf.CreateToken(Now, BotHost.AppId, key: _bf.UnpublishedKey));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // One initial fetch, one forced fetch, and at most one background refresh the forced fetch requested.
        Assert.InRange(_bf.KeySetRequests, 2, 3);
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v1")]
    public async Task PostMessages_EntraTokenOfOwnTenant_Accepted(string version)
    {
        var issuer = version == "v2"
            ? $"{_bf.EntraLoginHost}/{FakeBotFramework.TenantId}/v2.0"
            : $"{_bf.EntraLoginHost}/sts/{FakeBotFramework.TenantId}/";
        var token = _bf.CreateToken(
            Now, BotHost.AppId, issuer: issuer, key: _bf.EntraKey,
            extraClaims: new Dictionary<string, object> { ["tid"] = FakeBotFramework.TenantId });

        var response = await PostAsync(Activities.Message(_bf.ServiceUrl, "hello"), "Bearer " + token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_bot.Conversation.Messages);
    }

    public static TheoryData<string> RefusedCases() =>
    [
        "missing header", "wrong scheme", "expired", "not yet valid", "wrong issuer", "wrong audience", "unknown key",
        "key without the channel's endorsement", "tampered payload", "serviceUrl mismatch", "alg none", "HS256 with public key",
        "Entra token of another tenant", "Entra key with Bot Framework issuer",
    ];

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public async Task PostMessages_BadCredentials_Unauthorized_NothingProcessed(string refused)
    {
        var activity = Activities.Message(_bf.ServiceUrl, "What did we spend?");
        string? header = refused switch
        {
            "missing header" => null,
            "wrong scheme" => "Basic " + ValidToken(),
            "expired" => "Bearer " + _bf.CreateToken(Now, BotHost.AppId, notBeforeOffset: TimeSpan.FromHours(-2), lifetime: TimeSpan.FromHours(1)),
            "not yet valid" => "Bearer " + _bf.CreateToken(Now, BotHost.AppId, notBeforeOffset: TimeSpan.FromMinutes(10)),
            "wrong issuer" => "Bearer " + _bf.CreateToken(Now, BotHost.AppId, issuer: "https://api.botframework.evil"),
            "wrong audience" => "Bearer " + _bf.CreateToken(Now, "00000000-0000-0000-0000-000000000000"),
            "unknown key" => "Bearer " + _bf.CreateToken(Now, BotHost.AppId, key: _bf.UnpublishedKey),
            "key without the channel's endorsement" => "Bearer " + _bf.CreateToken(Now, BotHost.AppId, key: _bf.OtherChannelKey),
            "tampered payload" => "Bearer " + Tamper(ValidToken()),
            "serviceUrl mismatch" => "Bearer " + _bf.CreateToken(Now, BotHost.AppId, serviceUrl: "https://smba.trafficmanager.net/emea/"),
            "alg none" => "Bearer " + Unsigned(),
            "HS256 with public key" => "Bearer " + HmacWithPublicKey(),
            "Entra token of another tenant" => "Bearer " + _bf.CreateToken(
                Now, BotHost.AppId, issuer: $"{_bf.EntraLoginHost}/{FakeBotFramework.TenantId}/v2.0", key: _bf.EntraKey,
                extraClaims: new Dictionary<string, object> { ["tid"] = "11111111-1111-1111-1111-111111111111" }),
            "Entra key with Bot Framework issuer" => "Bearer " + _bf.CreateToken(Now, BotHost.AppId, key: _bf.EntraKey),
            _ => throw new ArgumentOutOfRangeException(nameof(refused)),
        };

        var response = await PostAsync(activity, header);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _bot.Conversation.CallCount);
        Assert.Empty(_bf.Calls);
        Assert.Empty(await _bot.References.ListActiveAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PostMessages_ActivityFromUnendorsedChannel_Unauthorized()
    {
        var response = await PostAsync(Activities.Message(_bf.ServiceUrl, "hi", channelId: "slack"), "Bearer " + ValidToken());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _bot.Conversation.CallCount);
    }

    [Fact]
    public async Task PostMessages_TokenWithinClockSkew_Accepted()
    {
        var token = _bf.CreateToken(Now, BotHost.AppId, notBeforeOffset: TimeSpan.FromMinutes(-64), lifetime: TimeSpan.FromHours(1));

        var response = await PostAsync(Activities.Message(_bf.ServiceUrl, "hi"), "Bearer " + token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PostMessages_TokenValidWhenIssuedButClockMovedOn_Unauthorized()
    {
        var token = ValidToken();
        _bot.Time.Advance(TimeSpan.FromHours(2));

        var response = await PostAsync(Activities.Message(_bf.ServiceUrl, "hi"), "Bearer " + token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(JsonObject activity, string? authorization) =>
        PostAsync(_bot, activity, authorization);

    public static async Task<HttpResponseMessage> PostAsync(BotHost bot, JsonObject activity, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await bot.Client.SendAsync(request);
    }

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["aud"] = BotHost.AppId;
        payload["appid"] = "attacker";
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }

    private string Unsigned()
    {
        var parts = ValidToken().Split('.');
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"channel-key\"}");
        return $"{header}.{parts[1]}.";
    }

    // Algorithm confusion: an HMAC signed with the published RSA modulus must not pass as a signature.
    private string HmacWithPublicKey()
    {
        var modulus = Base64UrlEncoder.DecodeBytes((string)_bf.ChannelKey.ToJwk()["n"]!);
        var key = new SymmetricSecurityKey(modulus) { KeyId = _bf.ChannelKey.KeyId };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = FakeBotFramework.BotFrameworkIssuer,
            Audience = BotHost.AppId,
            NotBefore = Now.AddMinutes(-1).UtcDateTime,
            Expires = Now.AddHours(1).UtcDateTime,
            IssuedAt = Now.AddMinutes(-1).UtcDateTime,
            Claims = new Dictionary<string, object> { ["serviceurl"] = _bf.ServiceUrl },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
