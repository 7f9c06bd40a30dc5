using System.Text.Json.Nodes;
using FinOps.Teams.Activities;

namespace FinOps.Teams.Tests;

public sealed class MentionTests
{
    private static Activity Message(string text, params (string Id, string Text)[] mentions) => new()
    {
        Text = text,
        Recipient = new ChannelAccount { Id = "28:bot" },
        Entities = [.. mentions.Select(m => new JsonObject
        {
            ["type"] = "mention",
            ["text"] = m.Text,
            ["mentioned"] = new JsonObject { ["id"] = m.Id, ["name"] = "x" },
        })],
    };

    [Fact]
    public void RemoveBotMention_BotMentioned_MentionRemoved()
    {
        Assert.Equal("cost by team last week", TeamsActivityHandler.RemoveBotMention(Message("<at>FinOps</at> cost by team last week", ("28:bot", "<at>FinOps</at>"))));
    }

    [Fact]
    public void RemoveBotMention_OtherUserMentioned_OtherMentionKept()
    {
        Assert.Equal(
            "cost of <at>Grace</at> team",
            TeamsActivityHandler.RemoveBotMention(Message("<at>FinOps</at> cost of <at>Grace</at> team", ("28:bot", "<at>FinOps</at>"), ("29:grace", "<at>Grace</at>"))));
    }

    [Fact]
    public void RemoveBotMention_NoEntities_TextTrimmed()
    {
        Assert.Equal("help", TeamsActivityHandler.RemoveBotMention(Message("  help&nbsp;")));
    }
}
