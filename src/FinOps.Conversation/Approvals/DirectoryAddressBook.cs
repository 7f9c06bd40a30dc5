using FinOps.Conversation.Cards;
using FinOps.Core.People;

namespace FinOps.Conversation.Approvals;

/// <summary>Addresses known from the directory alone: the Slack user id (chat.postMessage to a user id opens the DM) and the playground feed.</summary>
public sealed class DirectoryAddressBook : IApprovalAddressBook
{
    public Task<IReadOnlyList<ConversationAddress>> AddressesOfAsync(Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var addresses = new List<ConversationAddress> { new("playground", person.Email ?? person.Key) };
        if (person.SlackUserId is { } slack)
        {
            addresses.Add(new ConversationAddress("slack", slack));
        }

        return Task.FromResult<IReadOnlyList<ConversationAddress>>(addresses);
    }
}
