using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.People;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Conversation.Visibility;

/// <summary>
/// Answers through the inner conversation service within the asker's <see cref="ViewerScope"/> when
/// <see cref="VisibilityOptions.Mode"/> is <see cref="VisibilityMode.OwnTeams"/>: a question about another team is
/// refused with the reason, and an answer over several teams covers the asker's teams only, with a note saying so.
/// </summary>
/// <remarks>
/// Finance and admin (the rules file's <c>roles</c>) see everything. Someone the directory does not list sees nothing
/// and is told to ask an admin to add their e-mail. The refusal contains no amounts.
/// </remarks>
public sealed partial class VisibilityConversationService(
    IConversationService inner,
    PersonResolver people,
    IOptionsMonitor<VisibilityOptions> options,
    ILogger<VisibilityConversationService> logger) : IConversationService
{
    public const string RefusalCardKind = "visibility.refused";

    public Task<Card> AnswerAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WithinScopeAsync(message.User, message.Conversation, ct => inner.AnswerAsync(message, ct), cancellationToken);
    }

    public Task<Card> HandleActionAsync(CardActionInvoked action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return WithinScopeAsync(action.User, action.Conversation, ct => inner.HandleActionAsync(action, ct), cancellationToken);
    }

    public Task<Card?> WelcomeAsync(ConversationAddress conversation, CancellationToken cancellationToken) =>
        inner.WelcomeAsync(conversation, cancellationToken);

    /// <summary>The teams <paramref name="user"/> may see, or null when they may see every team.</summary>
    public async Task<ViewerScope?> ScopeOfAsync(ChatUser user, ConversationAddress conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(conversation);
        if (options.CurrentValue.Mode == VisibilityMode.Everyone)
        {
            return null;
        }

        var identity = new ChannelIdentity(user.Channel, user.Id, user.Email, user.AadObjectId, conversation.Id, conversation.Workspace);
        var person = await people.ResolveAsync(identity, cancellationToken);
        var directory = people.Directory;
        if (person is null)
        {
            LogUnknownPerson(logger, user.Channel);
            return new ViewerScope([], "I can't find you in the company directory (allocation.yaml), and answers here are limited to one's own teams. Ask an admin to list your e-mail under your team.");
        }

        if (directory.HasRole(person, CompanyRole.Finance) || directory.HasRole(person, CompanyRole.Admin))
        {
            return null;
        }

        var teams = directory.TeamsOf(person);
        return new ViewerScope(
            teams,
            teams.Count == 0
                ? "You are not in any team in the company directory (allocation.yaml), and answers here are limited to one's own teams."
                : $"Answers here are limited to your own teams ({string.Join(", ", teams)}); finance and admins see every team.");
    }

    private async Task<Card> WithinScopeAsync(ChatUser user, ConversationAddress conversation, Func<CancellationToken, Task<Card>> answer, CancellationToken cancellationToken)
    {
        var scope = await ScopeOfAsync(user, conversation, cancellationToken);
        if (scope is null)
        {
            return await answer(cancellationToken);
        }

        Card card;
        using (ViewerScope.Enter(scope))
        {
            try
            {
                card = await answer(cancellationToken);
            }
            catch (HiddenTeamsException e)
            {
                LogRefused(logger, e.HiddenTeams.Count);
                return Refusal(e.HiddenTeams, scope);
            }
        }

        if (!scope.Narrowed)
        {
            return card;
        }

        var note = $"Only the costs of your teams ({string.Join(", ", scope.AllowedTeams.Order(StringComparer.Ordinal))}) are included: other teams are not shown to you.";
        return card with { FallbackText = card.FallbackText + " " + note, Blocks = [.. card.Blocks, new ContextBlock(note)] };
    }

    private static Card Refusal(IReadOnlyList<string> hidden, ViewerScope scope)
    {
        var named = hidden.Where(t => !t.StartsWith('(')).ToList();
        var what = named.Count == 0 ? "These costs" : $"The costs of {string.Join(", ", named)}";
        var text = scope.AllowedTeams.Count == 0
            ? $"{what} can't be shown to you. {scope.Reason}"
            : $"{what} can't be shown to you. {scope.Reason} Ask about {string.Join(" or ", scope.AllowedTeams.Order(StringComparer.Ordinal))} instead.";
        return new Card(RefusalCardKind, text, [new TextBlock(text)]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A {Channel} user not in the company directory asked a question; visibility is limited to own teams")]
    private static partial void LogUnknownPerson(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "A question about {Count} hidden teams was refused (visibility: own teams)")]
    private static partial void LogRefused(ILogger logger, int count);
}
