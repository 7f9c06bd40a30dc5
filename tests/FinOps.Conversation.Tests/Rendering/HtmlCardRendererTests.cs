using System.Runtime.CompilerServices;
using System.Text.Json;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Charts;
using FinOps.Conversation.Rendering;

namespace FinOps.Conversation.Tests.Rendering;

public sealed class HtmlCardRendererTests
{
    private static readonly HtmlCardRenderer Renderer = new(MoneyFormatter.EnglishUnitedStates, new FixedChartUrl());

    public static TheoryData<string> Kinds => new(SampleCards.All.Keys);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Render_SampleCard_MatchesGoldenFile(string kind)
    {
        var page = Page(kind, Renderer.Render(SampleCards.All[kind]));
        var path = Path.Combine(GoldenDirectory(), kind + ".html");

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, page);
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing; run the tests with UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(path), page);
    }

    [Fact]
    public void Render_SampleCards_CoverEveryBlockType()
    {
        var blockTypes = typeof(CardBlock).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CardBlock)) && !t.IsAbstract).ToList();
        var blocks = SampleCards.All.Values.SelectMany(c => c.Blocks).ToList();

        Assert.All(blockTypes, t => Assert.Contains(blocks, b => b.GetType() == t));
        foreach (var type in blockTypes)
        {
            var exception = Record.Exception(() => Renderer.Render(new Card("probe", "probe", [blocks.First(b => b.GetType() == type)])));
            Assert.True(exception is null, $"{type.Name} is not rendered as HTML: {exception}");
        }
    }

    [Fact]
    public void Render_HostileText_IsEncoded()
    {
        var card = new Card(
            "x\"><script>",
            "f",
            [
                new TitleBlock("<script>alert(1)</script>"),
                new TextBlock("**<b>bold</b>** [x\" onclick=\"y](https://example.com/?a=1&b=\"2\")"),
                new FactsBlock([new Fact("<i>", "&amp;")]),
                new ActionsBlock([new CardAction("a\"b", "<Go>", new Dictionary<string, string> { ["k"] = "\"'<>&" })]),
                new TextInputBlock("r\"", "<label>", "<ph>"),
            ]);

        var html = Renderer.Render(card);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\" onclick", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<Go>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<label>", html[html.IndexOf("<label for", StringComparison.Ordinal)..].Replace("<label for", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Button_CarriesActionIdAndPayloadAttributes()
    {
        var card = new Card("t", "t", [new ActionsBlock([new CardAction("budget.approve", "Approve", new Dictionary<string, string> { ["request"] = "r1" }, ActionStyle.Primary)])]);

        var html = Renderer.Render(card);

        Assert.Contains("data-action-id=\"budget.approve\"", html, StringComparison.Ordinal);
        var encoded = html[(html.IndexOf("data-payload=\"", StringComparison.Ordinal) + 14)..];
        var payload = System.Net.WebUtility.HtmlDecode(encoded[..encoded.IndexOf('"', StringComparison.Ordinal)]);
        Assert.Equal(new Dictionary<string, string> { ["request"] = "r1" }, JsonSerializer.Deserialize<Dictionary<string, string>>(payload));
        Assert.Contains("<button type=\"button\" class=\"card-button card-button-primary\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Table_IsSemanticWithScopedHeadersAndFooterTotal()
    {
        var html = Renderer.Render(SampleCards.Answer());

        Assert.Contains("<th scope=\"col\">Service</th>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Compute</th><td class=\"num\">$3,120.40</td>", html, StringComparison.Ordinal);
        Assert.Contains("<tfoot>\n<tr><th scope=\"row\">Total</th><td class=\"num\">$6,880.66</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ChartWithoutUrl_ShowsAltTextAndKeyNumbers()
    {
        var renderer = new HtmlCardRenderer(MoneyFormatter.EnglishUnitedStates, NoChartImageUrlProvider.Instance);

        var html = renderer.Render(new Card("t", "t", [new ChartBlock(SampleCards.DailySpendChart, "Daily cost chart")]));

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"card-chart-alt\">Daily cost chart</p>", html, StringComparison.Ordinal);
        Assert.Contains("Total $6,880.66", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithInlineCharts_EmbedsPngWithAltText()
    {
        var renderer = new HtmlCardRenderer(MoneyFormatter.EnglishUnitedStates, new DataUriChartImageUrlProvider(new ChartRenderer(MoneyFormatter.EnglishUnitedStates), 1_000_000));

        var html = renderer.Render(SampleCards.Answer());

        Assert.Contains("<img src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"Bar chart of daily cost", html, StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("CARD_PREVIEW_DIR") is { Length: > 0 } dir)
        {
            // Pages a person (or a headless browser) can look at: every kind, charts inlined.
            Directory.CreateDirectory(dir);
            foreach (var (kind, card) in SampleCards.All)
            {
                File.WriteAllText(Path.Combine(dir, kind + ".html"), Page(kind, renderer.Render(card)));
            }
        }
    }

    private static string Page(string kind, string fragment) =>
        $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{kind} card</title>
        <style>
        body {"{"} margin: 16px; background: #f3f4f6; {"}"}
        {HtmlCardStyles.Css}
        </style>
        </head>
        <body>
        {fragment}</body>
        </html>

        """;

    private static string GoldenDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile)!)!, "Golden");

    private sealed class FixedChartUrl : IChartImageUrlProvider
    {
        public Uri? GetImageUrl(ChartSpec spec) => new("https://finops.example.com/charts/sample.png");
    }
}
