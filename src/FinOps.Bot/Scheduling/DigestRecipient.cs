using FinOps.Conversation.Cards;
using FinOps.Teams.Conversations;

namespace FinOps.Bot.Scheduling;

/// <summary>One place a team's digest goes: a platform (the sender's channel) and a conversation on it.</summary>
/// <remarks>
/// Most recipients are posted to through the platform's <c>IProactiveSender</c>. A Teams channel known only from the
/// team's channel list (<see cref="TeamsChannel"/>) gets a new conversation in the channel, and a Teams owner with no
/// personal chat yet (<see cref="TeamsUser"/>) gets one created; both through <see cref="ITeamsTargetedSender"/>.
/// </remarks>
public sealed record DigestRecipient(string Channel, ConversationAddress Address)
{
    /// <summary>The Teams channel to start a new conversation in, when there is no stored conversation to post to.</summary>
    public TeamsChannelRecord? TeamsChannel { get; init; }

    /// <summary>The Teams user whose personal chat is created first.</summary>
    public TeamsUserTarget? TeamsUser { get; init; }
}
