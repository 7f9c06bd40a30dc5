using FinOps.Conversation.Cards;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
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
        if (!notUnderstood)
        {
            blocks.Add(new TextBlock(Refresh));
            // Budgets come before subscriptions: budget alerts are one of the subscriptions listed there.
            blocks.Add(new TextBlock(Anomalies(catalog)));
            blocks.Add(new TextBlock(Budgets(catalog)));
            blocks.Add(new TextBlock(Subscriptions(catalog)));
        }

        blocks.Add(new ContextBlock("Periods: today, yesterday, this/last week, this/last month, October, Q3, year to date, last 30 days, Sep 3 to Sep 9. Metrics: amortised (default), billed, list price."));
        var text = lead + " Try: " + string.Join("; ", examples.Take(3)) + ".";
        return new QuestionAnswer(question, null, null, null, [], text, new Card("help", text, blocks));
    }

    /// <summary>The admins' refresh command (<see cref="Freshness.RefreshDataCommand"/>).</summary>
    public const string Refresh = "Cost data (admins): \"refresh the cost data\" pulls new data from the configured export locations now.";

    /// <summary>The subscription commands, with a team from <paramref name="catalog"/> in the example.</summary>
    public static string Subscriptions(ValueCatalog catalog)
    {
        var team = ExampleTeam(catalog);
        return "Subscriptions (a team's owners and admins): \"subscribe this channel to " + team.ToLowerInvariant()
            + " digests\" (also anomaly alerts, budget alerts), \"unsubscribe this channel from " + team.ToLowerInvariant()
            + " digests\", \"unsubscribe\" (everything here), \"list subscriptions\".";
    }

    /// <summary>The anomaly questions (the same detector as the alert cards), with a team from <paramref name="catalog"/> in the examples.</summary>
    public static string Anomalies(ValueCatalog catalog)
    {
        var team = ExampleTeam(catalog);
        return "Cost anomalies (the same detector as the alerts): \"any anomalies this week?\", \"open anomalies for " + team
            + "\", \"why did " + team + " spike yesterday?\".";
    }

    /// <summary>The budget and approval commands, with a team from <paramref name="catalog"/> in the examples.</summary>
    public static string Budgets(ValueCatalog catalog)
    {
        var team = ExampleTeam(catalog);
        return "Budgets and approvals: \"set the " + team + " budget to $25k a month\" (owners, finance, admins), \"budget status for " + team
            + "\", \"request +$2,000 for " + team + " this month: launch traffic\" (goes to the approvers), \"approvals for " + team + " this quarter\".";
    }

    // A team name that works in a command: one word, not the unallocated bucket.
    private static string ExampleTeam(ValueCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return (catalog.ValuesOf(Dimension.Team)
            .FirstOrDefault(t => !string.Equals(t, ValueSynonyms.UnallocatedTeam, StringComparison.OrdinalIgnoreCase) && !t.Contains(' ', StringComparison.Ordinal))
            ?? "payments").ToLowerInvariant();
    }

    /// <summary>The welcome card on install: what the bot does and three example questions from <paramref name="catalog"/>.</summary>
    public static Card Welcome(ValueCatalog catalog)
    {
        var examples = Examples(catalog).Take(3).ToList();
        const string lead = "Hi! I answer cloud cost questions from this company's cost data: totals, breakdowns, top spenders, trends, comparisons, what changed, forecasts, unallocated cost and data freshness. Type \"help\" any time.";
        var blocks = new List<CardBlock>
        {
            new TitleBlock("Welcome to FinOps Bot"),
            new TextBlock(lead),
            new TextBlock("Try for example:\n" + string.Join('\n', examples.Select(e => "- " + e))),
            new ActionsBlock(examples.Select(e => new CardAction(
                QuestionAnswerer.AskExampleActionId, e, new Dictionary<string, string> { ["question"] = e })).ToList()),
        };
        var text = lead + " Try: " + string.Join("; ", examples) + ".";
        return new Card("welcome", text, blocks);
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
                ["query"] = QueryJson.Write(question.Intent, query, question.Measure).ToJsonString(),
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

    /// <summary>Services people know by a short name, tried in order for the trend example.</summary>
    private static readonly (string Name, string Service)[] WellKnownServices =
    [
        ("EC2", "Amazon Elastic Compute Cloud"), ("BigQuery", "BigQuery"), ("Azure VMs", "Azure Virtual Machines"),
        ("S3", "Amazon Simple Storage Service"), ("Compute Engine", "Compute Engine"), ("RDS", "Amazon Relational Database Service"),
    ];

    /// <summary>Example questions that work on this data: they name its own teams, services and providers.</summary>
    /// <remarks>
    /// Each example naming a value is parsed with the catalog's own parser and kept only when it resolves to that value
    /// with no ask-back and no unknown word ("payments-team" next to "payments" would not); otherwise the next value
    /// is tried, and the example falls back to one without a name.
    /// </remarks>
    public static IReadOnlyList<string> Examples(ValueCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var parser = new QuestionParser(catalog, CostCalendar.Default);
        var teams = catalog.ValuesOf(Dimension.Team).Where(t => !string.Equals(t, ValueSynonyms.UnallocatedTeam, StringComparison.OrdinalIgnoreCase));
        var providers = catalog.ValuesOf(Dimension.Provider);
        var services = WellKnownServices
            .Select(w => (w.Name, Service: catalog.Canonical(Dimension.Service, w.Service)))
            .Where(w => w.Service is not null)
            .Select(w => (w.Name, Value: w.Service!))
            .Concat(catalog.ValuesOf(Dimension.Service).OrderBy(v => v.Length).Select(v => (Name: v, Value: v)));
        var environments = catalog.ValuesOf(Dimension.Environment).OrderBy(e => e is "prod" or "production" ? 0 : 1);

        var examples = new List<string>
        {
            FirstWorking(parser, Dimension.Team, teams.Select(t => (t, t)), name => $"How much did {name} spend last week?") ?? "How much did we spend last week?",
            "Top 5 services last month",
            "Spend by team this month",
            FirstWorking(parser, Dimension.Provider, providers.Select(p => (p, p)), name => $"Why did {name} spend change last month?") ?? "Why did spend change last month?",
            FirstWorking(parser, Dimension.Service, services, name => $"Daily {name} spend over the last 30 days") ?? "Daily spend over the last 30 days",
        };
        if (FirstWorking(parser, Dimension.Environment, environments.Select(e => (e, e)), name => $"{AnswerFormat.Capitalise(name)} spend by provider last month") is { } byEnvironment)
        {
            examples.Add(byEnvironment);
        }

        examples.AddRange(["Forecast for this month", "How much is unallocated this month?", "When was the data last refreshed?"]);
        return examples;
    }

    private static string? FirstWorking(QuestionParser parser, Dimension dimension, IEnumerable<(string Name, string Value)> candidates, Func<string, string> example)
    {
        // Any date will do: the examples only use relative periods.
        var today = new DateOnly(2026, 1, 15);
        foreach (var (name, value) in candidates.Take(20))
        {
            var text = example(name);
            var parsed = parser.Parse(text, today);
            if (parsed.Understood && parsed.Ambiguities.Count == 0 && parsed.UnrecognisedWords.Count == 0
                && parsed.Query!.Filters.TryGetValue(dimension, out var values) && values.Count == 1 && string.Equals(values[0], value, StringComparison.Ordinal))
            {
                return text;
            }
        }

        return null;
    }
}
