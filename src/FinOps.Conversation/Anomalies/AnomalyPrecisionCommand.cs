using System.Globalization;
using System.Text.RegularExpressions;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Anomalies;

namespace FinOps.Conversation.Anomalies;

/// <summary>"How accurate are anomaly alerts?": the bot's own precision from the feedback buttons (<see cref="AnomalyPrecision"/>).</summary>
/// <remarks>The answer has counts only, no amounts, so it is the same for every asker.</remarks>
public sealed partial class AnomalyPrecisionCommand(IAnomalyFeedbackStore store) : IConversationCommand
{
    public const string CardKind = "anomaly.precision";

    public async Task<Card?> TryHandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Question().IsMatch(message.Text))
        {
            return null;
        }

        return Compose(AnomalyPrecision.From(await store.ListAsync(null, cancellationToken)));
    }

    /// <summary>The answer card for <paramref name="precision"/>.</summary>
    public static Card Compose(AnomalyPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(precision);
        var inv = CultureInfo.InvariantCulture;
        var headline = precision.Precision is { } p
            ? string.Create(inv, $"Anomaly alert precision: {p * 100:0.#}% ({precision.Real} of {precision.Judged} alerts with feedback were real)")
            : "Anomaly alert precision: not known yet: nobody has marked an anomaly alert Expected, Investigating or Not an issue.";
        var facts = new List<Fact>
        {
            new("Real detections", string.Create(inv, $"{precision.Real} (Expected {precision.Expected}, Investigating {precision.Investigating})")),
            new("False alarms", string.Create(inv, $"{precision.FalseAlarms} (Not an issue)")),
            new("Muted", precision.Muted.ToString(inv)),
        };
        const string Definition = "Precision = real detections / (real detections + false alarms), over the alerts with feedback; each alert counts once with its latest verdict. Expected and Investigating are real detections, Not an issue a false alarm; a mute is no verdict.";
        return new Card(
            CardKind,
            $"{headline}. {string.Join("; ", facts.Select(f => $"{f.Label}: {f.Value}"))}. {Definition}",
            [new TitleBlock(headline), new FactsBlock(facts), new ContextBlock(Definition)]);
    }

    [GeneratedRegex(@"\b(accura\w*|precis\w*|false alarms?|how good|how reliable)\b.*\banomal|\banomal\w*\b.*\b(accura\w*|precis\w*|false alarms?|reliable)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Question();
}
