using System.Text;
using System.Text.Json.Nodes;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Charts;
using FinOps.Conversation.Rendering;
using FinOps.Teams.Cards;

namespace FinOps.Teams.Tests.Cards;

public sealed class AdaptiveCardRendererTests
{
    private static readonly AdaptiveCardRenderer Renderer = new(MoneyFormatter.EnglishUnitedStates, TestChartImages.SignedUrls());

    public static TheoryData<string> Kinds => new(SampleCards.All.Keys);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Render_SampleCard_MatchesGoldenFile(string kind)
    {
        var json = Renderer.Render(SampleCards.All[kind]);

        GoldenFiles.AssertMatches(kind, json);
    }

    [Fact]
    public void Render_SampleCards_CoverEveryBlockType()
    {
        var blockTypes = typeof(CardBlock).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(CardBlock)) && !t.IsAbstract)
            .ToList();
        var sampled = SampleCards.All.Values.SelectMany(c => c.Blocks).Select(b => b.GetType()).ToHashSet();

        Assert.All(blockTypes, t => Assert.Contains(t, sampled));
        foreach (var type in blockTypes)
        {
            var block = SampleCards.All.Values.SelectMany(c => c.Blocks).First(b => b.GetType() == type);
            var card = new Card("probe", "probe", [new TitleBlock("before"), block, new TextBlock("after")]);
            var exception = Record.Exception(() => Renderer.Render(card));
            Assert.True(exception is null, $"{type.Name} is not rendered for Teams: {exception}");
        }
    }

    [Fact]
    public void Render_AnyCard_IsVersion15WithSchema()
    {
        var json = Renderer.Render(SampleCards.Help());

        Assert.Equal("AdaptiveCard", (string?)json["type"]);
        Assert.Equal("1.5", (string?)json["version"]);
        Assert.Equal(AdaptiveCardRenderer.SchemaUrl, (string?)json["$schema"]);
        Assert.Equal(SampleCards.Help().FallbackText, (string?)json["fallbackText"]);
    }

    [Fact]
    public void Render_Button_IsExecuteWithVerbPayloadAndSubmitFallback()
    {
        var card = new Card("t", "t", [new ActionsBlock([new CardAction("budget.approve", "Approve", new Dictionary<string, string> { ["request"] = "r1" }, ActionStyle.Primary)])]);

        var action = Renderer.Render(card)["body"]![0]!["actions"]![0]!;

        Assert.Equal("Action.Execute", (string?)action["type"]);
        Assert.Equal("budget.approve", (string?)action["verb"]);
        Assert.Equal("positive", (string?)action["style"]);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["request"] = "r1" }, action["data"]));
        var fallback = action["fallback"]!;
        Assert.Equal("Action.Submit", (string?)fallback["type"]);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["request"] = "r1", [AdaptiveCardRenderer.SubmitVerbKey] = "budget.approve" }, fallback["data"]));
    }

    [Fact]
    public void Render_ButtonWithConfirmation_ShowsCardWithTheRealButton()
    {
        var card = new Card("t", "t", [new ActionsBlock([new CardAction("budget.reject", "Reject", new Dictionary<string, string>(), ActionStyle.Danger, new ActionConfirmation("Sure?", "It cannot be undone.", "Yes, reject", "No"))])]);

        var action = Renderer.Render(card)["body"]![0]!["actions"]![0]!;

        Assert.Equal("Action.ShowCard", (string?)action["type"]);
        Assert.Equal("Reject", (string?)action["title"]);
        var inner = action["card"]!;
        Assert.Equal("It cannot be undone.", (string?)inner["body"]![1]!["text"]);
        Assert.Equal("budget.reject", (string?)inner["actions"]![0]!["verb"]);
        Assert.Equal("Yes, reject", (string?)inner["actions"]![0]!["title"]);
        Assert.Equal("destructive", (string?)inner["actions"]![0]!["style"]);
    }

    [Fact]
    public void Render_TextInput_IsInputTextWithLabelAndRequiredMessage()
    {
        var card = new Card("t", "t", [new TextInputBlock("reason", "Reason", "Why?", Required: true, Multiline: true)]);

        var input = Renderer.Render(card)["body"]![0]!;

        Assert.Equal("Input.Text", (string?)input["type"]);
        Assert.Equal("reason", (string?)input["id"]);
        Assert.Equal("Reason", (string?)input["label"]);
        Assert.True((bool?)input["isRequired"]);
        Assert.True((bool?)input["isMultiline"]);
        Assert.False(string.IsNullOrEmpty((string?)input["errorMessage"]));
    }

    [Fact]
    public void Render_TextInputWithMinimum_IsInputNumberWithMin()
    {
        var card = new Card("t", "t", [new TextInputBlock("amount", "Increase (USD)", "2000", Required: true, Minimum: 0.01m)]);

        var input = Renderer.Render(card)["body"]![0]!;

        Assert.Equal("Input.Number", (string?)input["type"]);
        Assert.Equal("amount", (string?)input["id"]);
        Assert.Equal(0.01m, (decimal?)input["min"]);
        Assert.Equal("2000", (string?)input["placeholder"]);
        Assert.True((bool?)input["isRequired"]);
        Assert.Null(input["isMultiline"]);
        Assert.Null(input["maxLength"]);
    }

    [Fact]
    public void Render_HugeTable_StaysUnderSizeLimitAndSaysHowManyMore()
    {
        var rows = Enumerable.Range(1, 400)
            .Select(i => new CostTableRow($"resource-{i:D4}-with-a-rather-long-name-{new string('x', 40)}", new Money(i * 10.5m, "USD"), null, 0.001m))
            .ToList();
        var card = new Card("answer", "many rows", [new CostTableBlock("Resource", rows)]);

        var json = Renderer.Render(card);

        Assert.True(Encoding.UTF8.GetByteCount(json.ToJsonString()) <= AdaptiveCardRenderer.MaxCardBytes);
        var table = json["body"]![0]!;
        var shownRows = table["rows"]!.AsArray().Count - 1;
        Assert.InRange(shownRows, 1, AdaptiveCardRenderer.DefaultMaxTableRows);
        Assert.Equal($"...and {400 - shownRows} more", (string?)json["body"]![1]!["text"]);
    }

    [Fact]
    public void Render_ChartWithoutImageUrl_ShowsAltTextAndKeyNumbers()
    {
        var renderer = new AdaptiveCardRenderer(MoneyFormatter.EnglishUnitedStates, NoChartImageUrlProvider.Instance);
        var card = new Card("t", "t", [new ChartBlock(SampleCards.DailySpendChart, "Daily cost chart")]);

        var body = renderer.Render(card)["body"]!.AsArray();

        Assert.DoesNotContain(body, e => (string?)e!["type"] == "Image");
        Assert.Equal("Daily cost chart", (string?)body[0]!["text"]);
        Assert.Contains("Total $6,880.66", (string?)body[1]!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ChartWithImageUrl_HasImageWithAltText()
    {
        var card = new Card("t", "t", [new ChartBlock(SampleCards.DailySpendChart, "Daily cost chart")]);

        var image = Renderer.Render(card)["body"]![0]!;

        Assert.Equal("Image", (string?)image["type"]);
        Assert.Equal("Daily cost chart", (string?)image["altText"]);
        Assert.StartsWith("https://finops.example.com/charts/", (string?)image["url"], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_InlineImageTooBigForMessage_DropsImageKeepsText()
    {
        var provider = new Moq.Mock<IChartImageUrlProvider>();
        provider.Setup(p => p.GetImageUrl(Moq.It.IsAny<ChartSpec>()))
            .Returns(new Uri("data:image/png;base64," + Convert.ToBase64String(new byte[30_000])));
        var renderer = new AdaptiveCardRenderer(MoneyFormatter.EnglishUnitedStates, provider.Object);
        var card = new Card("t", "t", [new ChartBlock(SampleCards.DailySpendChart, "Daily cost chart")]);

        var json = renderer.Render(card);

        Assert.True(Encoding.UTF8.GetByteCount(json.ToJsonString()) <= AdaptiveCardRenderer.MaxCardBytes);
        Assert.DoesNotContain(json["body"]!.AsArray(), e => (string?)e!["type"] == "Image");
        Assert.Equal("Daily cost chart", (string?)json["body"]![0]!["text"]);
    }

    [Fact]
    public void Render_Divider_SetsSeparatorOnNextElement()
    {
        var card = new Card("t", "t", [new TextBlock("a"), new DividerBlock(), new TextBlock("b")]);

        var body = Renderer.Render(card)["body"]!.AsArray();

        Assert.Equal(2, body.Count);
        Assert.True((bool?)body[1]!["separator"]);
    }

    [Fact]
    public void GoldenFiles_CheckedWithAdaptiveCardsAndTeamsTypes_HaveNoErrorsOrWarnings()
    {
        var (exitCode, output) = CardOracle.Check("adaptive", GoldenFiles.Directory());

        Assert.True(exitCode == 0, output);
        Assert.Contains($"OK {SampleCards.All.Count} adaptive file(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CardWithRefresh_BodyForOthersAndRefreshForTeamsUsersOnly()
    {
        var view = new CardAction("approval.view", "Refresh", new Dictionary<string, string> { ["requestId"] = "apr-1" });
        var users = Enumerable.Range(0, 70).Select(i => new ChatUser("teams", $"29:user{i:00}"))
            .Prepend(new ChatUser("slack", "U0PAT0001")).Prepend(new ChatUser("teams", "29:user00")).ToList();
        var card = new Card("approval", "t", [new TextBlock("request"), new ActionsBlock([new CardAction("approval.approve", "Approve", new Dictionary<string, string>())])])
        {
            Refresh = new CardRefresh(view, users, [new TextBlock("request")]),
        };

        var json = Renderer.Render(card);

        Assert.Single(json["body"]!.AsArray());
        Assert.Equal("request", (string?)json["body"]![0]!["text"]);
        var refresh = json["refresh"]!;
        Assert.Equal(("Action.Execute", "approval.view"), ((string?)refresh["action"]!["type"], (string?)refresh["action"]!["verb"]));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["requestId"] = "apr-1" }, refresh["action"]!["data"]));
        var ids = refresh["userIds"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(CardRefresh.MaxUsers, ids.Count);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.All(ids, id => Assert.StartsWith("29:", id, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_RefreshWithoutOthersViewOrTeamsUsers_OwnBlocksAndNoUserIds()
    {
        var view = new CardAction("approval.view", "Refresh", new Dictionary<string, string>());
        var card = new Card("approval", "t", [new TextBlock("mine"), new ActionsBlock([new CardAction("approval.approve", "Approve", new Dictionary<string, string>())])])
        {
            Refresh = new CardRefresh(view, [new ChatUser("slack", "U0PAT0001")]),
        };

        var json = Renderer.Render(card);

        Assert.Equal(2, json["body"]!.AsArray().Count);
        Assert.NotNull(json["refresh"]!["action"]);
        Assert.Null(json["refresh"]!["userIds"]);
    }
}
