namespace FinOps.Teams.Connector;

public sealed partial class BotConnectorClient
{
    /// <summary>
    /// The channels of a team the bot is installed in (<c>GET {serviceUrl}/v3/teams/{teamId}/conversations</c>): ids and
    /// names, the General channel without a name.
    /// </summary>
    public Task<TeamsChannelList> GetTeamChannelsAsync(string serviceUrl, string teamId, string? tenantId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceUrl);
        ArgumentException.ThrowIfNullOrEmpty(teamId);

        // Not a conversation: a 403/404 here must not mark any conversation reference stale.
        var target = new ConnectorTarget(serviceUrl, "create:" + teamId, tenantId);
        return SendAsync<TeamsChannelList>(target, HttpMethod.Get, $"v3/teams/{Escape(teamId)}/conversations", null, cancellationToken);
    }
}
