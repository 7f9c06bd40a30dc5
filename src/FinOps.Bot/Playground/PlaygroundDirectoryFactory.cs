using System.Globalization;
using FinOps.Conversation.Cards;
using FinOps.Demo;

namespace FinOps.Bot.Playground;

/// <summary>The playground's people: the demo company's FinOps lead and one owner per team.</summary>
public static class PlaygroundDirectoryFactory
{
    public static PlaygroundDirectory FromDemoOrganization(DemoOrganization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var users = new List<PlaygroundUser> { ToUser(organization.FinOpsLead, "FinOps lead") };
        foreach (var team in organization.Teams)
        {
            users.Add(ToUser(team.Owners[0], string.Create(CultureInfo.InvariantCulture, $"owner of {team.Key}")));
        }

        string[] examples =
        [
            "what did payments spend on EC2 last week?",
            "top 5 services this month",
            "cost by team last month",
            "daily trend for ml last 30 days",
            "why did checkout change last week?",
            "how much is unallocated this month?",
            "forecast for this month",
            "when was the data last refreshed?",
            "help",
        ];
        return new PlaygroundDirectory(users, examples);
    }

    private static PlaygroundUser ToUser(DemoOwner owner, string role) => new(
        owner.SlackUserId,
        $"{owner.Name} ({role})",
        new ChatUser(PlaygroundAddresses.Channel, owner.SlackUserId, owner.Name, owner.Email, owner.EntraObjectId.ToString()));
}
