namespace FinOps.Conversation.Cards;

/// <summary>A card whose content depends on who looks at it: everyone sees <see cref="OthersSee"/>, and a channel that can show each person their own view asks the bot for it with <see cref="Action"/>.</summary>
/// <remarks>
/// <para>Teams renders this as the Universal Actions <c>refresh</c> clause: the card body is <see cref="OthersSee"/> (or the
/// card's own blocks when null), and the clients of <see cref="Users"/> (at most <see cref="MaxUsers"/>; in chats of up to
/// 60 members every client) invoke <see cref="Action"/> and show the card the bot answers with. Channels without per-person
/// views (Slack, where each approver gets a private copy) ignore it and show the card's blocks.</para>
/// <para>The action id must end in <see cref="ViewSuffix"/>: a view only reads the current state, so channels run it on every
/// refresh and for every person instead of once per message.</para>
/// </remarks>
/// <param name="Action">The action that returns the card for the person who asks.</param>
/// <param name="Users">The people whose view differs from <see cref="OthersSee"/> (channel user ids; other channels' users are ignored).</param>
/// <param name="OthersSee">What everyone not in <see cref="Users"/> sees; null when the card's blocks are already one person's view.</param>
public sealed record CardRefresh(CardAction Action, IReadOnlyList<ChatUser> Users, IReadOnlyList<CardBlock>? OthersSee = null)
{
    /// <summary>Teams refreshes a user-specific view for at most 60 listed users.</summary>
    public const int MaxUsers = 60;

    public const string ViewSuffix = ".view";

    /// <summary>Whether an action only shows the current state to the person asking (never cached, never run once).</summary>
    public static bool IsView(string actionId) => actionId?.EndsWith(ViewSuffix, StringComparison.Ordinal) == true;
}
