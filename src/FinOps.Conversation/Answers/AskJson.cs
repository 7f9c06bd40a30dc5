using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Conversation.Questions;

namespace FinOps.Conversation.Answers;

/// <summary>The stable JSON contract of <c>FinOps.Bot ask --json</c>: one object per question.</summary>
/// <remarks>
/// <c>{"question", "understood", "query": {...} | null, "answer": {"currency", "total", "compareTotal",
/// "rows": [{"key": {"&lt;dimension&gt;": value}, "value", "compareValue"}], "text", "dataThrough"}}</c>. Rows are by value
/// descending, by time (key <c>date</c>) for trends; for drivers by absolute change (by signed change for "which X
/// grew / shrank most"), so the first row always answers "which X". In a comparison the more recent period is primary (<c>total</c>, <c>value</c>).
/// <c>dataThrough</c> is the last complete day the answer used (YYYY-MM-DD, never today), null when nothing was queried;
/// <c>query</c> is the query that ran, so a period "so far" ends on that day. Keys added later, only when they apply:
/// <c>answer.clarify</c> (a question asked back: <c>understood</c> is false and <c>query</c> null), <c>share</c> on
/// breakdown rows, <c>answer.average</c>, <c>answer.share</c>, <c>answer.savings</c> (see <see cref="MeasureFigures"/>).
/// A unit-cost answer (intent <c>unitcost</c>) adds <c>answer.unitCost</c>
/// <c>{"metric", "team", "scale", "cost", "volume", "value", "compareValue"}</c>; its <c>total</c> is the unit cost.
/// </remarks>
public static partial class AskJson
{
    private static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,

        // Output goes to a terminal or a pipe, never into HTML: keep "$", "€" and quotes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonObject Write(QuestionAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var question = answer.Question;
        var rows = new JsonArray();
        foreach (var row in answer.Rows)
        {
            var key = new JsonObject();
            foreach (var (name, value) in row.Key)
            {
                key[name] = value;
            }

            var item = new JsonObject
            {
                ["key"] = key,
                ["value"] = row.Value,
                ["compareValue"] = row.CompareValue,
            };
            AddRowKinds(item, row);
            rows.Add(item);
        }

        // A question asked back is not understood, and its query claims no filters: it did not run.
        var understood = question.Understood && answer.Clarify is null;

        var result = new JsonObject
        {
            ["question"] = question.Text,
            ["understood"] = understood,
            ["query"] = understood ? QueryJson.Write(question.Intent, question.Query!, question.Measure) : null,
            ["answer"] = new JsonObject
            {
                ["currency"] = answer.Currency,
                ["total"] = answer.Total,
                ["compareTotal"] = answer.CompareTotal,
                ["rows"] = rows,
                ["text"] = answer.Text,
                ["dataThrough"] = answer.DataThrough is { } through ? through.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
            },
        };
        AddAnswerKinds(result["answer"]!.AsObject(), answer);
        if (answer.CompleteThrough is { } complete)
        {
            // Only when ingestion sources have delivered: without them the output stays as it was.
            result["answer"]!["completeThrough"] = new JsonArray([.. complete.Select(p => (JsonNode)new JsonObject
            {
                ["provider"] = p.Provider,
                ["through"] = p.CompleteThrough.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["sources"] = new JsonArray([.. p.Sources.Select(s => (JsonNode)JsonValue.Create(s))]),
                ["overdue"] = p.IsStale,
            })]);
        }

        if (answer.UnitCost is { } unit)
        {
            result["answer"]!["unitCost"] = new JsonObject
            {
                ["metric"] = unit.Metric,
                ["team"] = unit.Team,
                ["scale"] = unit.Scale,
                ["cost"] = unit.Cost,
                ["volume"] = unit.Volume,
                ["value"] = unit.Value,
                ["compareValue"] = unit.CompareValue,
            };
        }

        return result;
    }

    /// <summary>One line of compact JSON.</summary>
    public static string Serialize(QuestionAnswer answer) => Write(answer).ToJsonString(Compact);
}
