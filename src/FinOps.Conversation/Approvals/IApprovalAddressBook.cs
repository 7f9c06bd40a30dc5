using FinOps.Conversation.Cards;
using FinOps.Core.People;

namespace FinOps.Conversation.Approvals;

/// <summary>Where a person can be reached privately on each channel (a Slack DM, a Teams personal chat, the playground feed).</summary>
public interface IApprovalAddressBook
{
    Task<IReadOnlyList<ConversationAddress>> AddressesOfAsync(Person person, CancellationToken cancellationToken);
}
