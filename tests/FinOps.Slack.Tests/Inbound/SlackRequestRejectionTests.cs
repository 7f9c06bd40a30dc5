using System.Globalization;
using System.Net;
using System.Text;
using FinOps.Slack.Security;
using FinOps.Slack.Tests.Infrastructure;

namespace FinOps.Slack.Tests.Inbound;

public sealed class SlackRequestRejectionTests : IAsyncLifetime
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

    public static TheoryData<string> Paths => new() { "/slack/events", "/slack/commands", "/slack/interactions" };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Post_SignedWithOtherSecret_Unauthorized(string path)
    {
        var response = await _host.PostSignedAsync(path, Mention(), "application/json", secret: "not-the-secret");
        await AssertNothingHappenedAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task Post_TimestampMoreThanFiveMinutesAway_Unauthorized(int skewSeconds)
    {
        var response = await _host.PostSignedAsync("/slack/events", Mention(), "application/json", at: _host.Clock.GetUtcNow().AddSeconds(skewSeconds));
        await AssertNothingHappenedAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task Post_MissingHeaders_Unauthorized(bool withTimestamp, bool withSignature)
    {
        var body = Encoding.UTF8.GetBytes(Mention());
        var timestamp = _host.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new ByteArrayContent(body) };
        if (withTimestamp)
        {
            request.Headers.Add(SlackSignatureFilter.TimestampHeader, timestamp);
        }

        if (withSignature)
        {
            request.Headers.Add(SlackSignatureFilter.SignatureHeader, SlackSignature.Compute(_host.SigningSecret, timestamp, body));
        }

        await AssertNothingHappenedAsync(await _host.Client.SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Post_BodyChangedAfterSigning_Unauthorized()
    {
        var body = Encoding.UTF8.GetBytes(Mention());
        var timestamp = _host.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = SlackSignature.Compute(_host.SigningSecret, timestamp, body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new StringContent(Mention("tampered")) };
        request.Headers.Add(SlackSignatureFilter.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignatureFilter.SignatureHeader, signature);

        await AssertNothingHappenedAsync(await _host.Client.SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Post_BodyLargerThanLimit_BadRequest()
    {
        var huge = SlackPayloads.AppMention("Ev1", "<@UBOT> " + new string('x', 70_000), "1.1");
        var response = await _host.PostSignedAsync("/slack/events", huge, "application/json");
        await AssertNothingHappenedAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/slack/events", "{not json", "application/json")]
    [InlineData("/slack/events", "{\"type\":\"event_callback\",\"event\":{\"type\":\"app_mention\"}}", "application/json")]
    [InlineData("/slack/events", "[1,2]", "application/json")]
    [InlineData("/slack/commands", "team_id=T0TEAM&channel_id=C0CHAN&user_id=U1&command=%2Ffinops&text=hi", "application/x-www-form-urlencoded")]
    [InlineData("/slack/commands", "team_id=T0TEAM&channel_id=C0CHAN&user_id=U1&command=%2Ffinops&text=hi&response_url=not-a-url", "application/x-www-form-urlencoded")]
    [InlineData("/slack/commands", "{\"command\":\"/finops\"}", "application/json")]
    [InlineData("/slack/interactions", "payload=%7Bnot%20json", "application/x-www-form-urlencoded")]
    [InlineData("/slack/interactions", "nopayload=1", "application/x-www-form-urlencoded")]
    [InlineData("/slack/interactions", "payload=%7B%22type%22%3A%22block_actions%22%7D", "application/x-www-form-urlencoded")]
    public async Task Post_SignedButMalformed_BadRequest(string path, string body, string contentType)
    {
        var response = await _host.PostSignedAsync(path, body, contentType);
        await AssertNothingHappenedAsync(response, HttpStatusCode.BadRequest);
    }

    private static string Mention(string text = "top services") => SlackPayloads.AppMention("Ev1", "<@UBOT> " + text, "1772442000.000100");

    /// <summary>The status is as expected and, once a valid sentinel is answered, the rejected request left no trace.</summary>
    private async Task AssertNothingHappenedAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        await _host.PostEventAsync(SlackPayloads.AppMention("EvSentinel", "<@UBOT> sentinel", "9999999999.000001"));
        await _slack.NextCallAsync("chat.postMessage");

        Assert.Equal(["sentinel"], _host.Conversation.Messages.Select(m => m.Text));
        Assert.Empty(_slack.CallsTo("hook"));
        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }
}
