using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;

namespace FinOps.Conversation.Answers;

/// <summary>Handles <c>question.clarify</c> (the user picked one meaning of an ambiguous word) and <c>question.drill</c> (a drill-down under an answer); the button carries the query.</summary>
/// <remarks>The answered query becomes the clicking person's follow-up context in that conversation, as if they had typed it.</remarks>
public sealed class QuestionActionHandler(QuestionService questions, TimeProvider time, FollowUpMemory? followUps = null) : ICardActionHandler
{
    public string ActionPrefix => "question.";

    public async Task<Card> HandleAsync(CardActionInvoked action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.ActionId is not (QuestionAnswerer.ClarifyActionId or DrillDowns.ActionId))
        {
            return ConversationService.ErrorCard($"Unknown question action {action.ActionId}.");
        }

        var today = CostCalendar.Today(time);
        var catalog = await questions.GetCatalogAsync(cancellationToken);
        JsonNode? node = null;
        if (action.Payload.TryGetValue("query", out var json))
        {
            try
            {
                node = JsonNode.Parse(json);
            }
            catch (JsonException)
            {
                node = null;
            }
        }

        if (!QueryJson.TryRead(node, catalog, out var intent, out var query, out var error))
        {
            return ConversationService.ErrorCard($"That choice can no longer be answered ({error}). Please ask the question again.");
        }

        var text = action.Payload.GetValueOrDefault("question") ?? string.Empty;
        var label = action.Payload.GetValueOrDefault("label") ?? PeriodLabels.Describe(query.Period, today);
        var compareLabel = action.Payload.GetValueOrDefault("compareLabel")
            ?? (query.ComparePeriod is null ? null : PeriodLabels.Describe(query.ComparePeriod, today));
        var parsed = new ParsedQuestion
        {
            Text = text,
            Intent = intent,
            Query = query,
            PeriodLabel = new PeriodLabel(label, intent == QuestionIntent.Forecast),
            ComparePeriodLabel = compareLabel is null ? null : new PeriodLabel(compareLabel),
            Measure = QueryJson.ReadMeasure(node),
        };
        var answer = await questions.AnswerAsync(parsed, today, cancellationToken);
        followUps?.Remember(action.User, action.Conversation, parsed);
        return answer.Card;
    }
}
