using System.Text.Json.Nodes;
using FinOps.Teams.Activities;

namespace FinOps.Teams.Connector;

/// <summary>Body of <c>POST /v3/conversations</c>: a 1:1 chat (members = the user) or a channel post (channelData.channel.id).</summary>
public sealed class ConversationParameters
{
    public bool? IsGroup { get; set; }

    public ChannelAccount? Bot { get; set; }

    public IList<ChannelAccount>? Members { get; set; }

    public string? TenantId { get; set; }

    public Activity? Activity { get; set; }

    public JsonObject? ChannelData { get; set; }
}
