using System.Globalization;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Digests;
using FinOps.Core.Query;

namespace FinOps.Conversation.Digests;

/// <summary>Handles the digest card's buttons (<c>digest.</c> action ids).</summary>
public sealed class DigestActionHandler(ITeamDirectory teams, ICostQueryService costs, DigestCardComposer composer) : ICardActionHandler
{
    public string ActionPrefix => "digest.";

    public async Task<Card> HandleAsync(CardActionInvoked action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.ActionId != DigestCardComposer.ShowByServiceActionId)
        {
            return ConversationService.ErrorCard($"Unknown digest action {action.ActionId}.");
        }

        if (!action.Payload.TryGetValue(DigestCardComposer.TeamPayloadKey, out var teamKey)
            || !action.Payload.TryGetValue(DigestCardComposer.WeekPayloadKey, out var weekText)
            || !DateOnly.TryParseExact(weekText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var weekStart)
            || weekStart.DayOfWeek != DayOfWeek.Monday)
        {
            return ConversationService.ErrorCard("That digest button is missing its team or week. Ask for the \"weekly digest\" again.");
        }

        var team = (await teams.GetTeamsAsync(cancellationToken)).FirstOrDefault(t => string.Equals(t.Key, teamKey, StringComparison.Ordinal));
        if (team is null)
        {
            return ConversationService.ErrorCard($"The team \"{teamKey}\" no longer exists.");
        }

        var week = new DateRange(weekStart, weekStart.AddDays(7));
        var result = await costs.QueryAsync(
            new CostQuery
            {
                Period = week,
                ComparePeriod = week.Previous(),
                Filters = new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Team] = [team.Key] },
                GroupBy = [Dimension.Service],
            },
            cancellationToken);
        return composer.ComposeByService(team.DisplayName, week, result);
    }
}
