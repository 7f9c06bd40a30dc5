using FinOps.Slack.Inbound;

namespace FinOps.Slack.Tests.Inbound;

public sealed class SlackCommandTextTests
{
    [Theory]
    [InlineData("top services last month", "top services last month", false)]
    [InlineData("share top services last month", "top services last month", true)]
    [InlineData("SHARE top services", "top services", true)]
    [InlineData("top services --share", "top services", true)]
    [InlineData("shareholders report", "shareholders report", false)]
    [InlineData("top services--share", "top services--share", false)]
    [InlineData("", "help", false)]
    [InlineData("   ", "help", false)]
    [InlineData("share", "help", true)]
    [InlineData("help", "help", false)]
    public void Parse_Text_QuestionAndShare(string text, string question, bool share)
    {
        var parsed = SlackCommandText.Parse(text, ["share"]);
        Assert.Equal((question, share), parsed);
    }
}
