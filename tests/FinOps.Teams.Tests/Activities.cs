using System.Text.Json.Nodes;

namespace FinOps.Teams.Tests;

/// <summary>Activities as Teams sends them (shapes from Microsoft's Bot Framework / Teams documentation).</summary>
public static class Activities
{
    public const string BotId = "28:" + Fakes.BotHost.AppId;
    public const string UserId = "29:1a2b3c";
    public const string UserAadObjectId = "6d6d3d0a-7a0c-4e0a-9c1c-2c1e7a0e3f11";
    public const string PersonalConversationId = "a:1xyz-personal";

    public static JsonObject Message(string serviceUrl, string text, string conversationId = PersonalConversationId, string channelId = "msteams", string? tenantId = Fakes.FakeBotFramework.TenantId) => new()
    {
        ["type"] = "message",
        ["id"] = "1700000000001",
        ["timestamp"] = "2026-11-23T09:00:00.000Z",
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = channelId,
        ["from"] = new JsonObject { ["id"] = UserId, ["name"] = "Ada Lovelace", ["aadObjectId"] = UserAadObjectId },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = tenantId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "FinOps Bot" },
        ["textFormat"] = "plain",
        ["text"] = text,
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
    };

    public static JsonObject ChannelMention(string serviceUrl, string question)
    {
        var activity = Message(serviceUrl, $"<at>FinOps Bot</at> {question}", "19:abc@thread.tacv2;messageid=1700000000000");
        activity["conversation"]!["conversationType"] = "channel";
        activity["conversation"]!["isGroup"] = true;
        activity["entities"] = new JsonArray(
            new JsonObject
            {
                ["type"] = "mention",
                ["text"] = "<at>FinOps Bot</at>",
                ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "FinOps Bot" },
            },
            new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US" });
        activity["channelData"] = new JsonObject
        {
            ["teamsChannelId"] = "19:abc@thread.tacv2",
            ["teamsTeamId"] = "19:team@thread.tacv2",
            ["channel"] = new JsonObject { ["id"] = "19:abc@thread.tacv2" },
            ["team"] = new JsonObject { ["id"] = "19:team@thread.tacv2" },
            ["tenant"] = new JsonObject { ["id"] = Fakes.FakeBotFramework.TenantId },
        };
        return activity;
    }

    public static JsonObject InstallationUpdate(string serviceUrl, string action, string conversationId = PersonalConversationId)
    {
        var activity = Message(serviceUrl, string.Empty, conversationId);
        activity["type"] = "installationUpdate";
        activity["action"] = action;
        activity.Remove("text");
        activity.Remove("textFormat");
        return activity;
    }

    public static JsonObject ConversationUpdate(string serviceUrl, bool botAdded, string conversationId = PersonalConversationId)
    {
        var activity = Message(serviceUrl, string.Empty, conversationId);
        activity["type"] = "conversationUpdate";
        activity.Remove("text");
        activity[botAdded ? "membersAdded" : "membersRemoved"] = new JsonArray(new JsonObject { ["id"] = BotId });
        return activity;
    }

    public static JsonObject ExecuteInvoke(string serviceUrl, string verb, JsonObject data, string cardActivityId = "1700000000009")
    {
        var activity = Message(serviceUrl, string.Empty);
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = cardActivityId;
        activity.Remove("text");
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["id"] = "approve", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }
}
