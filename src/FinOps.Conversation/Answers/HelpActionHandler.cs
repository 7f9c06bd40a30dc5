using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Calendar;

namespace FinOps.Conversation.Answers;

/// <summary>Handles <c>help.ask</c> (ask the example question on the button) and <c>help.show</c> (the help card).</summary>
public sealed class HelpActionHandler(QuestionService questions, TimeProvider time) : ICardActionHandler
{
    public const string ShowActionId = "help.show";

    public string ActionPrefix => "help.";

    public async Task<Card> HandleAsync(CardActionInvoked action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var today = CostCalendar.Today(time);
        switch (action.ActionId)
        {
            case QuestionAnswerer.AskExampleActionId when action.Payload.TryGetValue("question", out var question) && !string.IsNullOrWhiteSpace(question):
                return (await questions.AskAsync(question, today, cancellationToken)).Card;
            case ShowActionId:
                return (await questions.AskAsync("help", today, cancellationToken)).Card;
            default:
                return ConversationService.ErrorCard($"Unknown help action {action.ActionId}.");
        }
    }
}
