using System.Text.Json;

namespace FinOps.Slack.Inbound;

/// <summary>A slash command invocation (<c>/finops …</c>) as Slack sends it, by form (HTTP) or JSON (Socket Mode).</summary>
public sealed record SlackSlashCommand(
    string TeamId,
    string ChannelId,
    string UserId,
    string? UserName,
    string Command,
    string Text,
    Uri ResponseUrl,
    string? TriggerId)
{
    /// <summary>Reads the fields Slack always sends; null when one is missing or the response_url is not an absolute URL.</summary>
    public static SlackSlashCommand? TryCreate(Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var team = field("team_id");
        var channel = field("channel_id");
        var user = field("user_id");
        var command = field("command");
        var responseUrl = field("response_url");
        if (string.IsNullOrEmpty(team) || string.IsNullOrEmpty(channel) || string.IsNullOrEmpty(user) || string.IsNullOrEmpty(command)
            || !Uri.TryCreate(responseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        return new SlackSlashCommand(team, channel, user, field("user_name"), command, field("text") ?? string.Empty, url, field("trigger_id"));
    }

    /// <summary>Reads a Socket Mode <c>slash_commands</c> payload.</summary>
    public static SlackSlashCommand? TryCreate(JsonElement payload) =>
        payload.ValueKind != JsonValueKind.Object
            ? null
            : TryCreate(name => payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null);
}
