using System.Text.Json.Nodes;

namespace FinOps.Conversation.Answers;

public static partial class AskJson
{
    private static void AddRowKinds(JsonObject item, AnswerRow row)
    {
        if (row.Share is { } share)
        {
            item["share"] = share;
        }

        if (row.Average is { } average)
        {
            item["average"] = average;
        }
    }

    private static void AddAnswerKinds(JsonObject o, QuestionAnswer answer)
    {
        if (answer.Clarify is { } options)
        {
            var clarify = new JsonArray();
            foreach (var option in options)
            {
                clarify.Add(new JsonObject
                {
                    ["label"] = option.Label,
                    ["question"] = option.Question,
                    ["query"] = option.QueryJson is null ? null : JsonNode.Parse(option.QueryJson),
                });
            }

            o["clarify"] = clarify;
        }

        if (answer.Figures is { } figures)
        {
            var values = new JsonObject();
            foreach (var (name, value) in figures.Values)
            {
                values[name] = value;
            }

            o[figures.Name] = values;
        }
    }
}
