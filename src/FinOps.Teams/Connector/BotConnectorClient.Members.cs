namespace FinOps.Teams.Connector;

public sealed partial class BotConnectorClient
{
    /// <summary>
    /// One member of a conversation (<c>GET {serviceUrl}/v3/conversations/{conversationId}/members/{userId}</c>): Teams
    /// answers with the user's Entra object id, e-mail and user principal name. <paramref name="userId"/> is the Teams
    /// user id (<c>29:...</c>) or the Entra object id.
    /// </summary>
    public Task<TeamsMember> GetConversationMemberAsync(ConnectorTarget target, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return SendAsync<TeamsMember>(
            target, HttpMethod.Get, $"v3/conversations/{Escape(target.ConversationId)}/members/{Escape(userId)}", null, cancellationToken);
    }
}
