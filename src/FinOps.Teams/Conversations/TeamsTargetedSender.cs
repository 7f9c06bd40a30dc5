using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using Microsoft.Extensions.Logging;

namespace FinOps.Teams.Conversations;

/// <summary>
/// Posts a card as a new conversation in a team channel named by its id or display name, as the rules file lists it
/// (<c>teams: "Cost - Payments"</c>), and to a user's personal chat. Names are resolved against the channels stored
/// from Teams' install and conversation updates (<see cref="ITeamsChannelStore"/>, <see cref="TeamsChannelResolver"/>);
/// a name that is unknown or ambiguous is refused with a message naming it, never posted somewhere else.
/// </summary>
public sealed partial class TeamsTargetedSender(ITeamsChannelStore channels, TeamsProactiveSender sender, ILogger<TeamsTargetedSender> logger)
    : ITeamsTargetedSender
{
    /// <summary>The stored channel for an id or a name, or why there is none.</summary>
    public async Task<TeamsChannelResolution> ResolveChannelAsync(string idOrName, CancellationToken cancellationToken) =>
        TeamsChannelResolver.Resolve(await channels.ListAsync(cancellationToken), idOrName);

    /// <summary>Posts <paramref name="card"/> as a new conversation in the channel; throws <see cref="TeamsChannelNotFoundException"/> for an unknown or ambiguous one.</summary>
    public async Task<SentMessage> PostToChannelAsync(string idOrName, Card card, string idempotencyKey, CancellationToken cancellationToken)
    {
        var resolution = await ResolveChannelAsync(idOrName, cancellationToken);
        if (resolution.Channel is not { } channel)
        {
            LogUnknownChannel(logger, resolution.Requested, resolution.Problem);
            throw new TeamsChannelNotFoundException(resolution);
        }

        return await PostToChannelAsync(channel, card, idempotencyKey, cancellationToken);
    }

    public Task<SentMessage> PostToChannelAsync(TeamsChannelRecord channel, Card card, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return sender.PostToChannelAsync(channel.ToReference(), channel.ChannelId, card, idempotencyKey, cancellationToken);
    }

    public Task<SentMessage> SendToUserAsync(TeamsUserTarget user, Card card, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return sender.SendToUserAsync(user.ServiceUrl, user.TenantId, user.BotId, user.UserId, card, idempotencyKey, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams channel '{Requested}' not posted to: {Problem}")]
    private static partial void LogUnknownChannel(ILogger logger, string requested, string? problem);
}
