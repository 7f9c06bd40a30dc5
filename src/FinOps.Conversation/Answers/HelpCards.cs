using FinOps.Conversation.Cards;
using FinOps.Conversation.Questions;
using FinOps.Core.Query;

namespace FinOps.Conversation.Answers;

/// <summary>Help and clarification cards: examples built from the user's own data, and ask-back buttons.</summary>
internal static class HelpCards
{
    private const int MaxQuestionInPayload = 300;
    private const int MaxChoices = 8;

    public static QuestionAnswer Help(ParsedQuestion question, ValueCatalog catalog, bool notUnderstood)
    {
        var examples = Examples(catalog);
        var blocks = new List<CardBlock>();
        string lead;
        if (notUnderstood)
        {
            lead = "I could not turn that into a cost question.";
            if (question.UnrecognisedWords.Count > 0)
            {
                lead += $" I don't know {AnswerFormat.JoinAnd(question.UnrecognisedWords.Select(w => "\"" + w + "\"").ToList())}: it is not a team, service, provider or other value in the cost data.";
            }

            blocks.Add(new TitleBlock("I didn't understand that"));
        }
        else
        {
            lead = "Ask me about cloud costs the way you would ask a colleague: totals, breakdowns, top spenders, trends, comparisons, what changed, forecasts, unallocated cost and data freshness.";
            blocks.Add(new TitleBlock("What I can answer"));
        }

        blocks.Add(new TextBlock(lead));
        blocks.Add(new TextBlock("Try for example:\n" + string.Join('\n', examples.Select(e => "- " + e))));
        blocks.Add(new ActionsBlock(examples.Take(5).Select(e => new CardAction(
            QuestionAnswerer.AskExampleActionId, e, new Dictionary<string, string> { ["question"] = e })).ToList()));
        blocks.Add(new ContextBlock("Periods: today, yesterday, this/last week, this/last month, October, Q3, year to date, last 30 days, Sep 3 to Sep 9. Metrics: amortised (default), billed, list price."));
        var text = lead + " Try: " + string.Join("; ", examples.Take(3)) + ".";
        return new QuestionAnswer(question, null, null, null, [], text, new Card("help", text, blocks));
    }

    public static QuestionAnswer Clarify(ParsedQuestion question)
    {
        var ambiguity = question.Ambiguities[0];
        var names = ambiguity.Candidates.Select(Describe).ToList();
        var text = $"\"{ambiguity.Word}\" matches more than one thing in the cost data: {AnswerFormat.JoinAnd(names)}. Which did you mean?";
        var actions = new List<CardAction>();
        foreach (var candidate in ambiguity.Candidates.Take(MaxChoices))
        {
            var query = Resolve(question.Query!, ambiguity, candidate);
            var payload = new Dictionary<string, string>
            {
                ["question"] = question.Text.Length > MaxQuestionInPayload ? question.Text[..MaxQuestionInPayload] : question.Text,
                ["query"] = QueryJson.Write(question.Intent, query).ToJsonString(),
                ["label"] = question.PeriodLabel.Phrase,
            };
            if (question.ComparePeriodLabel is { } compare)
            {
                payload["compareLabel"] = compare.Phrase;
            }

            actions.Add(new CardAction(QuestionAnswerer.ClarifyActionId, Describe(candidate), payload, actions.Count == 0 ? ActionStyle.Primary : ActionStyle.Default));
        }

        var blocks = new List<CardBlock> { new TextBlock(text), new ActionsBlock(actions) };
        return new QuestionAnswer(question, null, null, null, [], text, new Card("clarify", text, blocks));
    }

    /// <summary>The question's query with <paramref name="candidate"/> in place of the first candidate the parser used.</summary>
    private static CostQuery Resolve(CostQuery query, ValueAmbiguity ambiguity, ValueMatch candidate)
    {
        var chosen = ambiguity.Candidates[0];
        var filters = query.Filters.ToDictionary(f => f.Key, f => f.Value.ToList());
        if (filters.TryGetValue(chosen.Dimension, out var values))
        {
            values.RemoveAll(v => string.Equals(v, chosen.Value, StringComparison.OrdinalIgnoreCase));
            if (values.Count == 0)
            {
                filters.Remove(chosen.Dimension);
            }
        }

        if (!filters.TryGetValue(candidate.Dimension, out var target))
        {
            target = [];
            filters[candidate.Dimension] = target;
        }

        if (!target.Contains(candidate.Value, StringComparer.OrdinalIgnoreCase))
        {
            target.Add(candidate.Value);
        }

        return query with { Filters = filters.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value.ToArray()) };
    }

    private static string Describe(ValueMatch match)
    {
        var dimension = match.Dimension.Kind == DimensionKind.Tag ? "tag " + match.Dimension.TagKey : match.Dimension.ToString();
        var value = match.Dimension == Dimension.Team ? AnswerFormat.DisplayName(match.Value) : match.Value;
        return $"{AnswerFormat.Capitalise(dimension)} {value}";
    }

    /// <summary>Example questions that work on this data: they name its own teams, services and providers.</summary>
    public static IReadOnlyList<string> Examples(ValueCatalog catalog)
    {
        var team = catalog.ValuesOf(Dimension.Team).FirstOrDefault(t => !string.Equals(t, "Unallocated", StringComparison.OrdinalIgnoreCase));
        var services = catalog.ValuesOf(Dimension.Service);
        var providers = catalog.ValuesOf(Dimension.Provider);
        var service = services.Count > 0 ? services[0] : null;
        var provider = providers.Count > 0 ? providers[0] : null;
        var examples = new List<string>
        {
            team is null ? "How much did we spend last week?" : $"How much did {team} spend last week?",
            "Top 5 services last month",
            "Spend by team this month",
            provider is null ? "Why did spend change last month?" : $"Why did {provider} spend change last month?",
            service is null ? "Daily spend over the last 30 days" : $"Daily {service} spend over the last 30 days",
            "Forecast for this month",
            "How much is unallocated this month?",
            "When was the data last refreshed?",
        };
        return examples;
    }
}
