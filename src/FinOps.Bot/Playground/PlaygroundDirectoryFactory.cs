using FinOps.Conversation.Approvals;
using FinOps.Conversation.Cards;
using FinOps.Core.People;

namespace FinOps.Bot.Playground;

/// <summary>
/// The playground's people, from the company directory (<c>allocation.yaml</c>, the demo rules file after the first-run
/// seeding): finance and admins first, then each team's owners, then members and approvers; at most
/// <see cref="MaxUsers"/>. A directory without people (no rules file yet) offers one guest, who sees what anyone
/// outside the directory sees.
/// </summary>
public static class PlaygroundDirectoryFactory
{
    public const int MaxUsers = 50;

    public const string GuestId = "guest";

    public static PlaygroundDirectory FromDirectory(CompanyDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var users = new List<PlaygroundUser>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(Person person, string role)
        {
            if (users.Count < MaxUsers && seen.Add(person.Key))
            {
                var id = DirectoryAddressBook.PlaygroundId(person);
                users.Add(new PlaygroundUser(
                    id, $"{person.Label} ({role})", new ChatUser(PlaygroundAddresses.Channel, id, person.Name, person.Email, person.EntraObjectId?.ToString())));
            }
        }

        foreach (var person in directory.People.Where(p => directory.HasRole(p, CompanyRole.Finance) || directory.HasRole(p, CompanyRole.Admin)))
        {
            var roles = new[] { CompanyRole.Finance, CompanyRole.Admin }.Where(r => directory.HasRole(person, r)).Select(r => r.ToString().ToLowerInvariant());
            Add(person, string.Join(", ", roles));
        }

        foreach (var team in directory.Teams)
        {
            foreach (var owner in team.Owners)
            {
                Add(owner, "owner of " + team.Key);
            }
        }

        foreach (var team in directory.Teams)
        {
            foreach (var person in team.Members.Concat(team.Approvers))
            {
                Add(person, "member of " + team.Key);
            }
        }

        if (users.Count == 0)
        {
            users.Add(new PlaygroundUser(GuestId, "Guest (not in the company directory)", new ChatUser(PlaygroundAddresses.Channel, GuestId, "Guest")));
        }

        return new PlaygroundDirectory(users, Examples(directory));
    }

    private static string[] Examples(CompanyDirectory directory)
    {
        var first = directory.Teams.Count > 0 ? directory.Teams[0].Key : null;
        var second = directory.Teams.Count > 1 ? directory.Teams[1].Key : first;
        return
        [
            first is null ? "how much did we spend last week?" : $"what did {first} spend last week?",
            "top 5 services this month",
            "cost by team last month",
            second is null ? "daily trend last 30 days" : $"daily trend for {second} last 30 days",
            first is null ? "why did spend change last week?" : $"why did {first} change last week?",
            "how much is unallocated this month?",
            "forecast for this month",
            "when was the data last refreshed?",
            "help",
        ];
    }
}
