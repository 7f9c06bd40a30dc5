using FinOps.Core.People;
using FinOps.Teams.Activities;
using FinOps.Teams.Connector;
using FinOps.Teams.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FinOps.Teams.People;

/// <summary>
/// The e-mail (else the user principal name) and Entra object id of a Teams user, for people the company directory
/// lists by e-mail only: the Bot Connector's conversation member lookup, on the service URL stored for the conversation
/// the user wrote in. <see cref="PersonResolver"/> caches the answer.
/// </summary>
public sealed partial class TeamsIdentityLookup(
    IConversationReferenceStore references,
    IServiceScopeFactory scopes,
    ILogger<TeamsIdentityLookup> logger) : IChannelIdentityLookup
{
    public string Channel => TeamsActivityHandler.Channel;

    public async Task<ChannelProfile?> LookupAsync(ChannelIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (string.IsNullOrEmpty(identity.ConversationId) || await references.GetAsync(identity.ConversationId, cancellationToken) is not { } reference)
        {
            return null;
        }

        // The connector client is a typed HttpClient (transient); this lookup lives as long as the app.
        await using var scope = scopes.CreateAsyncScope();
        var connector = scope.ServiceProvider.GetRequiredService<BotConnectorClient>();
        try
        {
            var member = await connector.GetConversationMemberAsync(
                new ConnectorTarget(reference.ServiceUrl, reference.ConversationId, reference.TenantId ?? identity.Workspace), identity.UserId, cancellationToken);
            var email = string.IsNullOrWhiteSpace(member.Email) ? member.UserPrincipalName : member.Email;
            return new ChannelProfile(email, member.AadObjectId);
        }
        catch (Exception ex) when (ex is BotConnectorException or HttpRequestException)
        {
            LogLookupFailed(logger, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams member lookup failed: {Reason}; the user is recognised by Entra object id only")]
    private static partial void LogLookupFailed(ILogger logger, string reason);
}
