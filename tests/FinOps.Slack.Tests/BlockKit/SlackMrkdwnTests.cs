using FinOps.Slack.BlockKit;

namespace FinOps.Slack.Tests.BlockKit;

public sealed class SlackMrkdwnTests
{
    [Theory]
    [InlineData("**Cost** rose _a lot_", "*Cost* rose _a lot_")]
    [InlineData("see [the runbook](https://wiki.example.com/a?b=1&c=2)", "see <https://wiki.example.com/a?b=1&c=2|the runbook>")]
    [InlineData("a < b & c > d", "a &lt; b &amp; c &gt; d")]
    [InlineData("line one\nline two", "line one\nline two")]
    [InlineData("**[bold link](https://example.com/)**", "*<https://example.com/|bold link>*")]
    [InlineData("[a|b](https://example.com/)", "<https://example.com/|a¦b>")]
    public void FromLightMarkdown_Markup_BecomesSlackMrkdwn(string markdown, string expected)
    {
        Assert.Equal(expected, SlackMrkdwn.FromLightMarkdown(markdown));
    }
}
