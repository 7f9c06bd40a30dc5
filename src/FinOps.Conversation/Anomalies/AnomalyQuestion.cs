using System.Text.RegularExpressions;

namespace FinOps.Conversation.Anomalies;

/// <summary>A chat message recognised as a question about cost anomalies; names and periods are read by the question parser.</summary>
/// <param name="Shape">Which question.</param>
/// <param name="Text">The message, for the question parser (teams, services, periods).</param>
public sealed partial record AnomalyQuestion(AnomalyQuestionShape Shape, string Text)
{
    // Generous: the 2-core CI machine under load has timed out a first (cold) match at 200 ms.
    private const int TimeoutMilliseconds = 2000;

    /// <summary>The text for the question parser: without the words that choose the shape ("open"), which name nothing in the data.</summary>
    public string ParserText
    {
        get
        {
            try
            {
                return ShapeWords().Replace(Text, " ");
            }
            catch (RegexMatchTimeoutException)
            {
                return Text;
            }
        }
    }

    /// <summary>True when <paramref name="text"/> asks about anomalies; subscriptions to anomaly alerts are not questions.</summary>
    public static bool TryParse(string? text, out AnomalyQuestion question)
    {
        question = new AnomalyQuestion(AnomalyQuestionShape.List, text ?? string.Empty);
        if (string.IsNullOrWhiteSpace(text) || text.Length > 300)
        {
            return false;
        }

        try
        {
            if (NotAQuestion().IsMatch(text))
            {
                return false;
            }

            if (Why().IsMatch(text))
            {
                question = question with { Shape = AnomalyQuestionShape.Why };
                return true;
            }

            if (Open().IsMatch(text))
            {
                question = question with { Shape = AnomalyQuestionShape.Open };
                return true;
            }

            return Any().IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // The patterns are linear on at most 300 characters; only a starved machine gets here. The question parser answers instead.
            return false;
        }
    }

    // Subscription and alert-setting commands mention "anomaly alerts"; they belong to their own commands.
    [GeneratedRegex(@"^\s*(?:please\s+)?(?:un)?subscribe\b|\balerts?\b|\bmute\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: TimeoutMilliseconds)]
    private static partial Regex NotAQuestion();

    [GeneratedRegex(@"\b(?:open|ongoing|current|active|unresolved)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: TimeoutMilliseconds)]
    private static partial Regex ShapeWords();

    [GeneratedRegex(@"^\s*why\s+(?:did|does|do|has|have|is|are|was|were)\s+.+?\bspik(?:e|ed|es|ing)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: TimeoutMilliseconds)]
    private static partial Regex Why();

    [GeneratedRegex(@"\b(?:open|ongoing|current|active|unresolved)\s+(?:cost\s+)?(?:anomal(?:y|ies)|spikes)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: TimeoutMilliseconds)]
    private static partial Regex Open();

    [GeneratedRegex(@"\banomal(?:y|ies)\b|\b(?:cost|spend|spending)\s+spikes\b|^\s*(?:any|were\s+there\s+(?:any\s+)?|are\s+there\s+(?:any\s+)?)spikes\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: TimeoutMilliseconds)]
    private static partial Regex Any();
}
