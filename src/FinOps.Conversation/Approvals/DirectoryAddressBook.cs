using FinOps.Conversation.Cards;
using FinOps.Core.People;

namespace FinOps.Conversation.Approvals;

/// <summary>Addresses known from the directory alone: the Slack user id (chat.postMessage to a user id opens the DM) and the playground feed.</summary>
public sealed class DirectoryAddressBook : IApprovalAddressBook
{
    public Task<IReadOnlyList<ConversationAddress>> AddressesOfAsync(Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var addresses = new List<ConversationAddress> { new("playground", PlaygroundId(person)) };
        if (person.SlackUserId is { } slack)
        {
            addresses.Add(new ConversationAddress("slack", slack));
        }

        return Task.FromResult<IReadOnlyList<ConversationAddress>>(addresses);
    }

    /// <summary>
    /// The person's id in the playground: the user a tab chooses and listens as, and so the feed a request card must go to
    /// (a card sent to the e-mail of a person with a Slack id reached no tab).
    /// </summary>
    public static string PlaygroundId(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.SlackUserId ?? person.Email ?? person.EntraObjectId?.ToString() ?? person.Key;
    }
}
