using FinOps.Slack.Inbound;

namespace FinOps.Slack.Tests.Inbound;

public sealed class SlackMessageTextTests
{
    [Theory]
    [InlineData("<@UBOT> what did we spend last month?", "UBOT", "what did we spend last month?")]
    [InlineData("hey <@UBOT|finops> top services", "UBOT", "hey top services")]
    [InlineData("<@UBOT> compare &lt;prod&gt; &amp; dev", "UBOT", "compare <prod> & dev")]
    [InlineData("<@UOTHER> said costs rose", "UBOT", "<@UOTHER> said costs rose")]
    [InlineData("<@UBOT> top services", null, "top services")]
    [InlineData("<@UBOT>", "UBOT", "")]
    public void ToQuestion_Text_MentionOfBotRemoved(string text, string? botUserId, string expected)
    {
        Assert.Equal(expected, SlackMessageText.ToQuestion(text, botUserId));
    }
}
