using System.Collections.Frozen;
using FinOps.Core.Query;

namespace FinOps.Conversation.Questions;

/// <summary>Unit-cost phrases: "cost per 1,000 orders", "per active user", "unit cost of checkout".</summary>
/// <remarks>
/// The scan runs before periods and values are read, so "1,000" is never a year or a day and "orders" never a
/// misspelt value. "per" followed by a dimension ("per team") or a time unit ("per month") is left to the group-by
/// and granularity scans. The metric words are kept as asked; the answer matches them to the imported metrics.
/// </remarks>
public sealed partial class QuestionParser
{
    private const int MaxMetricWords = 3;

    /// <summary>Words that end a metric phrase: periods, prepositions, shapes.</summary>
    private static readonly FrozenSet<string> MetricPhraseStops = FrozenSet.ToFrozenSet(
        ["last", "this", "next", "in", "for", "of", "over", "during", "by", "since", "from", "between", "on", "at", "the", "a", "an", "and", "or", "vs", "versus",
         "compared", "compare", "against", "to", "per", "each", "every", "so", "far", "is", "was", "did", "has", "have", "trend", "trends", "trending", "history",
         "chart", "graph", "monthly", "weekly", "daily", "day", "days", "week", "weeks", "month", "months", "quarter", "quarters", "year", "years", "today",
         "yesterday", "past", "previous", "prior", "ytd", "mtd", "qtd", "q1", "q2", "q3", "q4", "h1", "h2", "fy", "now", "change", "changed", "unit", "cost", "costs",
         "spend", "spent", "with", "across", "lately", "recently", "currently", "please", "ago", "who", "which", "what", "how", "team", "teams"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> NotMetrics = FrozenSet.ToFrozenSet(
        ["cent", "percent", "hour", "hours", "gb", "gib", "tb", "tib", "unit", "units", "usage", "resource", "se"], StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> ScaleWords = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["hundred"] = 100, ["thousand"] = 1_000, ["1k"] = 1_000, ["k"] = 1_000, ["million"] = 1_000_000, ["1m"] = 1_000_000, ["mille"] = 1_000,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Finds the unit-cost phrase, consumes it and returns what it asks; null when the question is not about unit cost.</summary>
    private UnitCostRequest? ScanUnitCost(ParseState s)
    {
        UnitCostRequest? found = null;
        for (var i = 0; i < s.Tokens.Count && found is null; i++)
        {
            if (s.Is(i, "unit") && (s.IsStem(i + 1, "cost") || s.Is(i + 1, "economics") || s.Is(i + 1, "price")))
            {
                s.Consume(i, 2);
                found = new UnitCostRequest([], null, UnitCostShape.Total);
                var per = IndexOfUnconsumed(s, i + 2, "per");
                if (per >= 0 && PerPhrase(s, per) is { } named)
                {
                    found = named;
                }
            }
            else if (s.Is(i, "per") && PerPhrase(s, i) is { } named)
            {
                found = named;
            }
        }

        return found;
    }

    /// <summary>"per [1,000 | 1000 | 1k | a thousand] &lt;metric words&gt;" at <paramref name="i"/>; consumes it when it names a metric.</summary>
    private UnitCostRequest? PerPhrase(ParseState s, int i)
    {
        var at = i + 1;
        int? scale = null;
        if (s.Is(at, "a") || s.Is(at, "an") || s.Is(at, "one") || s.Is(at, "every") || s.Is(at, "each"))
        {
            at++;
        }

        if (at < s.Tokens.Count && !s.Consumed[at] && s.Tokens[at].IsNumber)
        {
            var number = (long)s.Tokens[at].Number;
            at++;
            while (at < s.Tokens.Count && !s.Consumed[at] && s.Tokens[at].Text.Length == 3 && s.Tokens[at].IsNumber && number < 1_000_000)
            {
                number = number * 1_000 + s.Tokens[at].Number;
                at++;
            }

            if (at < s.Tokens.Count && ScaleWords.TryGetValue(s.Tokens[at].Text, out var multiplier) && s.Tokens[at].Text is "thousand" or "million" or "k" or "hundred")
            {
                number *= multiplier;
                at++;
            }

            if (number is < 1 or > 1_000_000_000)
            {
                return null;
            }

            scale = (int)number;
        }
        else if (at < s.Tokens.Count && ScaleWords.TryGetValue(s.Tokens[at].Text, out var word))
        {
            scale = word;
            at++;
        }

        if (at >= s.Tokens.Count || s.Consumed[at] || DimensionAt(s, at, out _, out _) is not null)
        {
            return null;
        }

        var words = new List<string>();
        var end = at;
        while (end < s.Tokens.Count && words.Count < MaxMetricWords && !s.Consumed[end] && !MetricPhraseStops.Contains(s.Tokens[end].Text)
               && !Vocabulary.Months.ContainsKey(s.Tokens[end].Text) && s.Tokens[end].Text.All(c => char.IsLetter(c) || c is '-' or '_'))
        {
            words.Add(s.Tokens[end].Text);
            end++;
        }

        if (words.Count == 0 || NotMetrics.Contains(words[0]))
        {
            return null;
        }

        s.Consume(i, end - i);
        return new UnitCostRequest(words, scale, UnitCostShape.Total);
    }

    /// <summary>"vs last month", "compared with Q3": one named period that is the baseline of a comparison.</summary>
    private static bool NamesBaseline(Words w) =>
        w.Absolute.Count == 1 && w.Absolute[0].TokenIndex > 0 && BaselineWords.Contains(w.S.Tokens[w.Absolute[0].TokenIndex - 1].Text);

    /// <summary>Business metrics are counted by team: in a unit-cost question a word that is also a team ("mobile") means the team.</summary>
    private static void PreferTeams(ParseState s)
    {
        foreach (var ambiguity in s.Ambiguities.ToList())
        {
            if (ambiguity.Candidates.FirstOrDefault(c => c.Dimension == Dimension.Team) is not { } team)
            {
                continue;
            }

            var first = ambiguity.Candidates[0];
            if (first != team && s.Filters.TryGetValue(first.Dimension, out var values))
            {
                values.Remove(first.Value);
                if (values.Count == 0)
                {
                    s.Filters.Remove(first.Dimension);
                }

                if (!s.Filters.TryGetValue(Dimension.Team, out var teams))
                {
                    s.Filters[Dimension.Team] = teams = [];
                }

                teams.Add(team.Value);
            }

            s.Ambiguities.Remove(ambiguity);
        }
    }

    private static int IndexOfUnconsumed(ParseState s, int from, string word)
    {
        for (var k = from; k < s.Tokens.Count; k++)
        {
            if (s.Is(k, word))
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>The layout of a unit-cost answer: the intent the question would have without its unit-cost phrase.</summary>
    private static UnitCostShape UnitShape(Words w)
    {
        foreach (var (name, rule) in IntentRules)
        {
            if (name is "unit-cost" or "help" or "freshness")
            {
                continue;
            }

            switch (rule(w))
            {
                case QuestionIntent.Trend:
                    return UnitCostShape.Trend;
                case QuestionIntent.Compare when w.HasTwoPeriods || NamesBaseline(w):
                    return UnitCostShape.Compare;
                case null:
                    continue;
                default:
                    return UnitCostShape.Total;
            }
        }

        return UnitCostShape.Total;
    }
}
