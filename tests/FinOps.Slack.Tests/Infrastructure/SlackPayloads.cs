using System.Text.Json.Nodes;

namespace FinOps.Slack.Tests.Infrastructure;

/// <summary>Slack payloads shaped like the Events API and interactivity docs describe them.</summary>
public static class SlackPayloads
{
    public static string AppMention(string eventId, string text, string ts, string? threadTs = null, string channel = "C0CHAN", string user = "U1") =>
        EventCallback(eventId, new JsonObject
        {
            ["type"] = "app_mention",
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts,
            ["thread_ts"] = threadTs,
            ["channel"] = channel,
            ["event_ts"] = ts,
        });

    public static string DirectMessage(string eventId, string text, string ts, string user = "U1") =>
        EventCallback(eventId, new JsonObject
        {
            ["type"] = "message",
            ["channel_type"] = "im",
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts,
            ["channel"] = "D0DM",
            ["event_ts"] = ts,
        });

    public static string EventCallback(string eventId, JsonObject ev)
    {
        if (ev["thread_ts"] is null)
        {
            ev.Remove("thread_ts");
        }

        return new JsonObject
        {
            ["token"] = "deprecated-verification-token",
            ["team_id"] = SlackAppHost.TeamId,
            ["api_app_id"] = "A0APP",
            ["event"] = ev,
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = 1772442000,
            ["authorizations"] = new JsonArray
            {
                new JsonObject { ["enterprise_id"] = null, ["team_id"] = SlackAppHost.TeamId, ["user_id"] = SlackAppHost.BotUserId, ["is_bot"] = true },
            },
        }.ToJsonString();
    }

    public static string BlockActions(Uri responseUrl, string messageTs, string actionTs, bool ephemeral = false) => new JsonObject
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = "U1", ["username"] = "alice", ["name"] = "alice", ["team_id"] = SlackAppHost.TeamId },
        ["api_app_id"] = "A0APP",
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = "C0CHAN", ["is_ephemeral"] = ephemeral },
        ["trigger_id"] = "123.456.abc",
        ["team"] = new JsonObject { ["id"] = SlackAppHost.TeamId, ["domain"] = "acme" },
        ["channel"] = new JsonObject { ["id"] = "C0CHAN", ["name"] = "finops" },
        ["message"] = new JsonObject { ["type"] = "message", ["ts"] = messageTs, ["text"] = "Approve budget?" },
        ["state"] = new JsonObject
        {
            ["values"] = new JsonObject
            {
                ["reason_block"] = new JsonObject { ["reason"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Q3 launch" } },
            },
        },
        ["response_url"] = responseUrl.AbsoluteUri,
        ["actions"] = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = "budget.approve",
                ["block_id"] = "actions",
                ["value"] = "{\"budgetId\":\"42\"}",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Approve" },
                ["action_ts"] = actionTs,
            },
        },
    }.ToJsonString();

    public static IEnumerable<KeyValuePair<string, string>> SlashCommand(string text, Uri responseUrl, string triggerId) =>
    [
        new("token", "deprecated"),
        new("team_id", SlackAppHost.TeamId),
        new("team_domain", "acme"),
        new("channel_id", "C0CHAN"),
        new("channel_name", "finops"),
        new("user_id", "U1"),
        new("user_name", "alice"),
        new("command", "/finops"),
        new("text", text),
        new("api_app_id", "A0APP"),
        new("response_url", responseUrl.AbsoluteUri),
        new("trigger_id", triggerId),
    ];
}
