using System.Text;
using FinOps.Slack.Security;

namespace FinOps.Slack.Tests.Security;

public sealed class SlackSignatureTests
{
    // Slack's published example ("Verifying requests from Slack"): a /webhook-collect slash command.
    private const string ExampleSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string ExampleTimestamp = "1531420618";
    private const string ExampleSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private const string ExampleBody =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
        + "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com"
        + "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    private static readonly DateTimeOffset ExampleTime = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    [Fact]
    public void Compute_SlackPublishedExample_MatchesPublishedSignature()
    {
        Assert.Equal(ExampleSignature, SlackSignature.Compute(ExampleSecret, ExampleTimestamp, Encoding.UTF8.GetBytes(ExampleBody)));
    }

    [Fact]
    public void IsValid_SlackPublishedExample_True()
    {
        Assert.True(SlackSignature.IsValid(ExampleSecret, ExampleTimestamp, ExampleSignature, Encoding.UTF8.GetBytes(ExampleBody), ExampleTime));
    }

    [Fact]
    public void IsValid_OneByteOfBodyChanged_False()
    {
        var body = Encoding.UTF8.GetBytes(ExampleBody.Replace("text=&", "text=x&", StringComparison.Ordinal));
        Assert.False(SlackSignature.IsValid(ExampleSecret, ExampleTimestamp, ExampleSignature, body, ExampleTime));
    }

    [Fact]
    public void IsValid_OtherSecret_False()
    {
        Assert.False(SlackSignature.IsValid("another-secret", ExampleTimestamp, ExampleSignature, Encoding.UTF8.GetBytes(ExampleBody), ExampleTime));
    }

    [Theory]
    [InlineData(-301, false)]
    [InlineData(-299, true)]
    [InlineData(299, true)]
    [InlineData(301, false)]
    public void IsValid_ClockSkew_AcceptedOnlyWithinFiveMinutes(int skewSeconds, bool expected)
    {
        var now = ExampleTime.AddSeconds(skewSeconds);
        Assert.Equal(expected, SlackSignature.IsValid(ExampleSecret, ExampleTimestamp, ExampleSignature, Encoding.UTF8.GetBytes(ExampleBody), now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b5")]
    [InlineData("v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    public void IsValid_MalformedSignature_False(string? signature)
    {
        Assert.False(SlackSignature.IsValid(ExampleSecret, ExampleTimestamp, signature, Encoding.UTF8.GetBytes(ExampleBody), ExampleTime));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-1531420618")]
    [InlineData("1531420618.5")]
    [InlineData("99999999999999999999")]
    public void IsValid_MalformedTimestamp_False(string? timestamp)
    {
        Assert.False(SlackSignature.IsValid(ExampleSecret, timestamp, ExampleSignature, Encoding.UTF8.GetBytes(ExampleBody), ExampleTime));
    }
}
