using System.Text.RegularExpressions;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Digests;

namespace FinOps.Conversation.Digests;

/// <summary>
/// "digest", "weekly digest", "send me the weekly digest now", "weekly digest for payments": answers with the
/// digest card of the named team, or of the team the user owns.
/// </summary>
public sealed partial class WeeklyDigestCommand(ITeamDirectory teams, WeeklyDigestBuilder builder, DigestCardComposer composer) : IConversationCommand
{
    public async Task<Card?> TryHandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!TryParse(message.Text, out var teamName))
        {
            return null;
        }

        var directory = await teams.GetTeamsAsync(cancellationToken);
        var team = teamName is null
            ? directory.FirstOrDefault(t => t.IsOwnedBy(message.User.Id, message.User.Email, message.User.AadObjectId))
            : directory.FirstOrDefault(t => string.Equals(t.Key, teamName, StringComparison.OrdinalIgnoreCase)
                || string.Equals(t.DisplayName, teamName, StringComparison.OrdinalIgnoreCase)
                || string.Equals(t.Key + " team", teamName, StringComparison.OrdinalIgnoreCase)
                || string.Equals(t.DisplayName + " team", teamName, StringComparison.OrdinalIgnoreCase));
        if (team is null)
        {
            var known = string.Join(", ", directory.Select(t => t.Key));
            var text = teamName is null
                ? $"You don't own a team, so I don't know whose digest to send. Ask for one by name, e.g. \"weekly digest for {(directory.Count > 0 ? directory[0].Key : "payments")}\". Teams: {known}."
                : $"I don't know a team called \"{teamName}\". Teams: {known}.";
            return ConversationService.ErrorCard(text);
        }

        var digest = await builder.BuildAsync(team.Key, team.DisplayName, cancellationToken);
        return composer.Compose(digest);
    }

    /// <summary>True when <paramref name="text"/> asks for the weekly digest; <paramref name="team"/> is the named team or null.</summary>
    public static bool TryParse(string? text, out string? team)
    {
        team = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = DigestPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        team = match.Groups["team"].Success ? match.Groups["team"].Value.Trim() : null;
        return true;
    }

    [GeneratedRegex(
        @"^\s*(?:please\s+)?(?:(?:send|show|give)\s+(?:me|us)\s+)?(?:the\s+|my\s+|our\s+)?(?:weekly\s+)?(?:spend\s+)?digest(?:\s+now)?(?:\s+(?:for|of)\s+(?:the\s+)?(?<team>[\p{L}\p{N}][\p{L}\p{N} _-]{0,60}?))?(?:\s+now)?(?:\s+please)?\s*[.!?]*\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        matchTimeoutMilliseconds: 200)]
    private static partial Regex DigestPattern();
}
