using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Charts;
using FinOps.Conversation.Rendering;
using FinOps.Slack.BlockKit;
using Moq;

namespace FinOps.Slack.Tests.BlockKit;

public sealed class BlockKitRendererTests
{
    private static readonly BlockKitRenderer Renderer = new(MoneyFormatter.EnglishUnitedStates, TestChartImages.SignedUrls());

    public static TheoryData<string> Kinds => new(SampleCards.All.Keys);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Render_SampleCard_MatchesGoldenFile(string kind)
    {
        var message = Renderer.Render(SampleCards.All[kind]);

        GoldenFiles.AssertMatches(kind, new JsonObject { ["text"] = message.Text, ["blocks"] = message.Blocks });
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Render_SampleCard_RespectsSlackLimits(string kind)
    {
        AssertWithinLimits(Renderer.Render(SampleCards.All[kind]));
    }

    [Fact]
    public void Render_SampleCards_CoverEveryBlockType()
    {
        var blockTypes = typeof(CardBlock).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(CardBlock)) && !t.IsAbstract)
            .ToList();
        var blocks = SampleCards.All.Values.SelectMany(c => c.Blocks).ToList();

        Assert.All(blockTypes, t => Assert.Contains(blocks, b => b.GetType() == t));
        foreach (var type in blockTypes)
        {
            var card = new Card("probe", "probe", [blocks.First(b => b.GetType() == type)]);
            var exception = Record.Exception(() => Renderer.Render(card));
            Assert.True(exception is null, $"{type.Name} is not rendered for Slack: {exception}");
        }
    }

    [Fact]
    public void Render_Button_CarriesActionIdAndCompactJsonPayload()
    {
        var card = new Card("t", "t", [new ActionsBlock([new CardAction("budget.approve", "Approve", new Dictionary<string, string> { ["request"] = "r1", ["a"] = "é" }, ActionStyle.Primary)])]);

        var button = Renderer.Render(card).Blocks[0]!["elements"]![0]!;

        Assert.Equal("budget.approve", (string?)button["action_id"]);
        Assert.Equal("primary", (string?)button["style"]);
        var payload = JsonSerializer.Deserialize<Dictionary<string, string>>((string)button["value"]!);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "é", ["request"] = "r1" }, payload);
        Assert.DoesNotContain(" ", (string)button["value"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RepeatedActionIdInOneBlock_MakesActionIdsUnique()
    {
        var card = SampleCards.Answer();

        var actions = Renderer.Render(card).Blocks.Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray();

        Assert.Equal(["question.drill", "question.drill#2"], actions.Select(a => (string)a!["action_id"]!));
        Assert.All(actions, a => Assert.Equal("question.drill", BlockKitRenderer.NeutralActionId((string)a!["action_id"]!)));
    }

    [Fact]
    public void Render_Confirmation_BecomesConfirmDialog()
    {
        var card = new Card("t", "t", [new ActionsBlock([new CardAction("budget.reject", "Reject", new Dictionary<string, string>(), ActionStyle.Danger, new ActionConfirmation("Sure?", "It cannot be undone.", "Yes, reject", "No"))])]);

        var confirm = Renderer.Render(card).Blocks[0]!["elements"]![0]!["confirm"]!;

        Assert.Equal("Sure?", (string?)confirm["title"]!["text"]);
        Assert.Equal("It cannot be undone.", (string?)confirm["text"]!["text"]);
        Assert.Equal("Yes, reject", (string?)confirm["confirm"]!["text"]);
        Assert.Equal("No", (string?)confirm["deny"]!["text"]);
        Assert.Equal("danger", (string?)confirm["style"]);
    }

    [Fact]
    public void Render_TextInput_IsInputBlockKeyedByInputId()
    {
        var card = new Card("t", "t", [new TextInputBlock("reason", "Reason", "Why?", Required: false, Multiline: true)]);

        var block = Renderer.Render(card).Blocks[0]!;

        Assert.Equal("input", (string?)block["type"]);
        Assert.Equal("reason", (string?)block["block_id"]);
        Assert.Equal("reason", (string?)block["element"]!["action_id"]);
        Assert.True((bool?)block["optional"]);
        Assert.True((bool?)block["element"]!["multiline"]);
    }

    [Fact]
    public void Render_OversizedEverything_StaysWithinSlackLimits()
    {
        var longText = string.Join(' ', Enumerable.Repeat("**word** & <tag>", 900));
        var blocks = new List<CardBlock> { new TitleBlock(new string('T', 400)) };
        blocks.AddRange(Enumerable.Range(0, 60).Select(i => (CardBlock)new ContextBlock($"line {i}")));
        blocks.Add(new TextBlock(longText));
        blocks.Add(new FactsBlock(Enumerable.Range(0, 23).Select(i => new Fact($"Label {i}", new string('v', 2500))).ToList()));
        blocks.Add(new CostTableBlock("Resource", Enumerable.Range(0, 500).Select(i => new CostTableRow(new string('r', 80) + i, new Money(i, "USD"))).ToList()));
        blocks.Add(new TextInputBlock("reason", new string('L', 2100), new string('P', 200)));
        blocks.Add(new ActionsBlock(Enumerable.Range(0, 30).Select(i => new CardAction("a." + i, new string('B', 90), new Dictionary<string, string> { ["i"] = i.ToString() })).ToList()));
        var card = new Card("stress", new string('f', 5000), blocks);

        var message = Renderer.Render(card);

        AssertWithinLimits(message);
        Assert.Contains(message.Blocks, b => (string?)b!["type"] == "actions");
        Assert.Contains(message.Blocks, b => (string?)b!["type"] == "input");
        Assert.Contains(message.Blocks, b => ((string?)b!["elements"]?[0]?["text"])?.Contains("more parts not shown", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Render_HugeTable_SaysHowManyMore()
    {
        var rows = Enumerable.Range(1, 40).Select(i => new CostTableRow($"svc-{i}", new Money(i, "USD"))).ToList();
        var card = new Card("t", "t", [new CostTableBlock("Service", rows)]);

        var text = (string)Renderer.Render(card).Blocks[0]!["text"]!["text"]!;

        Assert.EndsWith($"_...and {40 - BlockKitRenderer.DefaultMaxTableRows} more_", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PayloadTooBigForButtonValue_DropsButtonWithNote()
    {
        var card = new Card("t", "t", [new ActionsBlock([new CardAction("x.y", "Go", new Dictionary<string, string> { ["blob"] = new string('z', 2100) })])]);

        var blocks = Renderer.Render(card).Blocks;

        Assert.DoesNotContain(blocks, b => (string?)b!["type"] == "actions");
        Assert.Contains("Not available in Slack: Go", (string?)blocks[0]!["elements"]![0]!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ChartWithDataUri_FallsBackToText()
    {
        var provider = new Mock<IChartImageUrlProvider>();
        provider.Setup(p => p.GetImageUrl(It.IsAny<ChartSpec>())).Returns(new Uri("data:image/png;base64,iVBORw0KGgo="));
        var renderer = new BlockKitRenderer(MoneyFormatter.EnglishUnitedStates, provider.Object);
        var card = new Card("t", "t", [new ChartBlock(SampleCards.DailySpendChart, "Daily cost chart")]);

        var blocks = renderer.Render(card).Blocks;

        Assert.DoesNotContain(blocks, b => (string?)b!["type"] == "image");
        Assert.Equal("_Daily cost chart_", (string?)blocks[0]!["text"]!["text"]);
        Assert.Contains("Total $6,880.66", (string?)blocks[1]!["elements"]![0]!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public void GoldenFiles_TypeCheckedWithSlackTypes_HaveNoErrors()
    {
        var (exitCode, output) = CardOracle.Check("slack", GoldenFiles.Directory());

        Assert.True(exitCode == 0, output);
        Assert.Contains($"OK {SampleCards.All.Count} slack file(s)", output, StringComparison.Ordinal);
    }

    private static void AssertWithinLimits(SlackMessageContent message)
    {
        Assert.InRange(message.Text.Length, 1, SlackLimits.MaxFallbackText);
        Assert.InRange(message.Blocks.Count, 0, SlackLimits.MaxBlocks);
        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in message.Blocks.Select(b => b!.AsObject()))
        {
            if ((string?)block["block_id"] is { } blockId)
            {
                Assert.True(blockIds.Add(blockId), $"duplicate block_id {blockId}");
                Assert.InRange(blockId.Length, 1, SlackLimits.MaxBlockId);
            }

            switch ((string?)block["type"])
            {
                case "header":
                    Assert.InRange(((string)block["text"]!["text"]!).Length, 1, SlackLimits.MaxHeaderText);
                    break;
                case "section":
                    if (block["text"] is { } text)
                    {
                        Assert.InRange(((string)text["text"]!).Length, 1, SlackLimits.MaxSectionText);
                    }

                    if (block["fields"] is JsonArray fields)
                    {
                        Assert.InRange(fields.Count, 1, SlackLimits.MaxSectionFields);
                        Assert.All(fields, f => Assert.InRange(((string)f!["text"]!).Length, 1, SlackLimits.MaxFieldText));
                    }

                    break;
                case "context":
                    Assert.InRange(block["elements"]!.AsArray().Count, 1, SlackLimits.MaxContextElements);
                    Assert.All(block["elements"]!.AsArray(), e => Assert.InRange(((string)e!["text"]!).Length, 1, SlackLimits.MaxContextText));
                    break;
                case "actions":
                    var elements = block["elements"]!.AsArray();
                    Assert.InRange(elements.Count, 1, SlackLimits.MaxActionsElements);
                    var actionIds = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var button in elements)
                    {
                        Assert.InRange(((string)button!["text"]!["text"]!).Length, 1, SlackLimits.MaxButtonText);
                        Assert.InRange(((string)button["value"]!).Length, 1, SlackLimits.MaxButtonValue);
                        var actionId = (string)button["action_id"]!;
                        Assert.InRange(actionId.Length, 1, SlackLimits.MaxActionId);
                        Assert.True(actionIds.Add(actionId), $"duplicate action_id {actionId} in one block");
                        if (button["confirm"] is { } confirm)
                        {
                            Assert.InRange(((string)confirm["title"]!["text"]!).Length, 1, SlackLimits.MaxConfirmTitle);
                            Assert.InRange(((string)confirm["text"]!["text"]!).Length, 1, SlackLimits.MaxConfirmText);
                            Assert.InRange(((string)confirm["confirm"]!["text"]!).Length, 1, SlackLimits.MaxConfirmButton);
                            Assert.InRange(((string)confirm["deny"]!["text"]!).Length, 1, SlackLimits.MaxConfirmButton);
                        }
                    }

                    break;
                case "image":
                    Assert.InRange(((string)block["image_url"]!).Length, 1, SlackLimits.MaxImageUrl);
                    Assert.StartsWith("https://", (string)block["image_url"]!, StringComparison.Ordinal);
                    Assert.InRange(((string)block["alt_text"]!).Length, 1, SlackLimits.MaxImageAltText);
                    break;
                case "input":
                    Assert.InRange(((string)block["label"]!["text"]!).Length, 1, SlackLimits.MaxInputLabel);
                    if (block["element"]!["placeholder"] is { } placeholder)
                    {
                        Assert.InRange(((string)placeholder["text"]!).Length, 1, SlackLimits.MaxInputPlaceholder);
                    }

                    break;
                case "divider":
                    break;
                default:
                    Assert.Fail($"Unexpected block type {block["type"]}");
                    break;
            }
        }
    }
}
