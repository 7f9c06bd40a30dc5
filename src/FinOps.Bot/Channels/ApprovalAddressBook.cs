using FinOps.Conversation.Approvals;
using FinOps.Conversation.Cards;
using FinOps.Core.People;
using FinOps.Teams.Activities;
using FinOps.Teams.Conversations;

namespace FinOps.Bot.Channels;

/// <summary>
/// Where approvers are reached: the directory's Slack DM and playground feed, plus the personal Teams chat of a person
/// (by Entra object id) who has talked to the bot, from the stored conversation references.
/// </summary>
public sealed class ApprovalAddressBook(IConversationReferenceStore? teamsReferences = null) : IApprovalAddressBook
{
    private readonly DirectoryAddressBook _directory = new();

    public async Task<IReadOnlyList<ConversationAddress>> AddressesOfAsync(Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var addresses = new List<ConversationAddress>(await _directory.AddressesOfAsync(person, cancellationToken));
        if (teamsReferences is not null && person.EntraObjectId is { } entra)
        {
            var id = entra.ToString();
            addresses.AddRange((await teamsReferences.ListActiveAsync(cancellationToken))
                .Where(r => string.Equals(r.ConversationType, "personal", StringComparison.Ordinal)
                    && string.Equals(r.UserAadObjectId, id, StringComparison.OrdinalIgnoreCase))
                .OrderBy(r => r.ConversationId, StringComparer.Ordinal)
                .Select(r => new ConversationAddress(TeamsActivityHandler.Channel, r.ConversationId, r.TenantId)));
        }

        return addresses;
    }

    /// <summary>The Teams user ids (MRIs, <c>29:...</c>) the person has written from, for the approval card's per-person refresh.</summary>
    public async Task<IReadOnlyList<ChatUser>> UsersOfAsync(Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (teamsReferences is null || person.EntraObjectId is not { } entra)
        {
            return [];
        }

        var id = entra.ToString();
        return (await teamsReferences.ListActiveAsync(cancellationToken))
            .Where(r => r.UserId is not null && string.Equals(r.UserAadObjectId, id, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.UserId!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(userId => new ChatUser(TeamsActivityHandler.Channel, userId, person.Name, person.Email, id))
            .ToList();
    }
}
