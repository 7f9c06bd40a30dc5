namespace FinOps.Teams.Connector;

/// <summary>Answer of <c>GET /v3/teams/{teamId}/conversations</c>: the team's channels.</summary>
public sealed class TeamsChannelList
{
    public IList<TeamsChannelInfo>? Conversations { get; set; }
}
