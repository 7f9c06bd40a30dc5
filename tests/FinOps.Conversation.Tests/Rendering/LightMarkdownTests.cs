using FinOps.Conversation.Rendering;

namespace FinOps.Conversation.Tests.Rendering;

public sealed class LightMarkdownTests
{
    [Fact]
    public void Parse_BoldItalicLinkAndBreak_GivesSpans()
    {
        var spans = LightMarkdown.Parse("Cost **rose** _a lot_, see [runbook](https://wiki.example.com/x).\nDone");

        Assert.Equal(
            [
                new MarkdownSpan("Cost "),
                new MarkdownSpan("rose", Bold: true),
                new MarkdownSpan(" "),
                new MarkdownSpan("a lot", Italic: true),
                new MarkdownSpan(", see "),
                new MarkdownSpan("runbook", Link: new Uri("https://wiki.example.com/x")),
                new MarkdownSpan("."),
                new MarkdownSpan("\n"),
                new MarkdownSpan("Done"),
            ],
            spans);
    }

    [Theory]
    [InlineData("cost_center and tag_value")]
    [InlineData("a ** b")]
    [InlineData("[not a link](javascript:alert(1))")]
    [InlineData("5 * 3 = 15")]
    public void Parse_NoMarkup_KeepsTextLiteral(string text)
    {
        var spans = LightMarkdown.Parse(text);

        Assert.Equal(text, string.Concat(spans.Select(s => s.Text)));
        Assert.All(spans, s => Assert.True(!s.Bold && !s.Italic && s.Link is null));
    }

    [Fact]
    public void ToPlainText_Link_KeepsUrl()
    {
        Assert.Equal("see runbook (https://wiki.example.com/x) now", LightMarkdown.ToPlainText("see [runbook](https://wiki.example.com/x) **now**"));
    }
}
