using FinOps.Conversation.Cards;
using FinOps.Core.People;

namespace FinOps.Conversation.Approvals;

/// <summary>Where a person can be reached privately on each channel (a Slack DM, a Teams personal chat, the playground feed).</summary>
public interface IApprovalAddressBook
{
    Task<IReadOnlyList<ConversationAddress>> AddressesOfAsync(Person person, CancellationToken cancellationToken);

    /// <summary>The person's user ids on channels that show each person their own view of a card (Teams MRIs); none by default.</summary>
    Task<IReadOnlyList<ChatUser>> UsersOfAsync(Person person, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ChatUser>>([]);
}
