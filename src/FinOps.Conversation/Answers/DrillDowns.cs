using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Questions;
using FinOps.Core.Query;

namespace FinOps.Conversation.Answers;

/// <summary>The drill-down buttons under an answer: by service, by team, trend, "why did it change?", compare with the previous period.</summary>
/// <remarks>
/// Each button is the follow-up it stands for ("by service", "why?") read against the answered question, so a click
/// and the typed follow-up give the same answer. The button carries the resulting query in its compact
/// <see cref="QueryJson"/> form (nulls and empty lists left out), checked like user input when clicked. Buttons whose
/// payload, serialised as the renderers serialise it (quotes escaped as six characters), would be longer than
/// <see cref="MaxPayloadJsonLength"/> are not offered at all: Slack's button value holds at most 2,000 characters
/// (the strictest channel; a Teams message may hold about 28 KB).
/// </remarks>
internal static class DrillDowns
{
    /// <summary>Button of an answer card; its payload carries the drill-down query.</summary>
    public const string ActionId = "question.drill";

    /// <summary>Longest payload, as JSON, a drill-down button carries: Slack's limit for a button value.</summary>
    public const int MaxPayloadJsonLength = 2000;

    private static readonly (string Title, string FollowUp, QuestionIntent[] After)[] Buttons =
    [
        ("Why did it change?", "why?", [QuestionIntent.Total, QuestionIntent.Breakdown, QuestionIntent.Top, QuestionIntent.Trend, QuestionIntent.Compare]),
        ("By service", "by service", [QuestionIntent.Total, QuestionIntent.Breakdown, QuestionIntent.Top, QuestionIntent.Compare, QuestionIntent.Drivers, QuestionIntent.Unallocated]),
        ("By team", "by team", [QuestionIntent.Total, QuestionIntent.Breakdown, QuestionIntent.Top, QuestionIntent.Compare, QuestionIntent.Drivers]),
        ("Trend", "trend", [QuestionIntent.Total, QuestionIntent.Breakdown, QuestionIntent.Top, QuestionIntent.Compare, QuestionIntent.Drivers, QuestionIntent.Unallocated]),
        ("Compare with previous period", "compare with the previous period", [QuestionIntent.Total, QuestionIntent.Breakdown, QuestionIntent.Top, QuestionIntent.Trend, QuestionIntent.Unallocated]),
    ];

    /// <summary><paramref name="answer"/> with a row of drill-down buttons when its question has any that make sense.</summary>
    public static QuestionAnswer Add(QuestionAnswer answer, ParsedQuestion question, QuestionParser parser, DateOnly today)
    {
        if (answer.Card.Kind != "answer" || answer.Total is null || !question.Understood || question.Ambiguities.Count > 0)
        {
            return answer;
        }

        var actions = new List<CardAction>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { QueryJson.Write(question.Intent, question.Query!).ToJsonString() };
        foreach (var (title, followUp, after) in Buttons)
        {
            if (!after.Contains(question.Intent) || NarrowedToOne(question.Query!, title))
            {
                continue;
            }

            var drilled = parser.Parse(followUp, today, question);
            if (drilled.FollowUpOf is null || !seen.Add(QueryJson.Write(drilled.Intent, drilled.Query!).ToJsonString()))
            {
                continue;
            }

            var query = Compact(QueryJson.Write(drilled.Intent, drilled.Query!)).ToJsonString();
            var payload = new Dictionary<string, string> { ["query"] = query, ["label"] = drilled.PeriodLabel.Phrase };
            if (drilled.ComparePeriodLabel is { } compare)
            {
                payload["compareLabel"] = compare.Phrase;
            }

            if (JsonSerializer.Serialize(payload).Length > MaxPayloadJsonLength)
            {
                continue;
            }

            actions.Add(new CardAction(ActionId, title, payload));
        }

        return actions.Count == 0 ? answer : answer with { Card = answer.Card with { Blocks = [.. answer.Card.Blocks, new ActionsBlock(actions)] } };
    }

    /// <summary>"By team" under one team's spend would be a table of one row.</summary>
    private static bool NarrowedToOne(CostQuery query, string title) =>
        title switch
        {
            "By team" => query.Filters.TryGetValue(Dimension.Team, out var teams) && teams.Count == 1 || query.GroupBy.Contains(Dimension.Team),
            "By service" => query.Filters.TryGetValue(Dimension.Service, out var services) && services.Count == 1 || query.GroupBy.Contains(Dimension.Service),
            _ => false,
        };

    /// <summary>The query without nulls and empty lists or objects; <see cref="QueryJson.TryRead"/> fills them back in.</summary>
    private static JsonObject Compact(JsonObject query)
    {
        foreach (var name in query.Where(p => p.Value is null || p.Value is JsonArray { Count: 0 } || p.Value is JsonObject { Count: 0 }).Select(p => p.Key).ToList())
        {
            query.Remove(name);
        }

        return query;
    }
}
