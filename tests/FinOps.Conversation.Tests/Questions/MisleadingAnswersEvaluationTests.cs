using System.Globalization;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>
/// The "misleading answers" evaluation (eval-misleading.jsonl): answers, not just parses, on the days where they used to
/// mislead: the first days of a month, data two days behind today, a provider a day behind, a team that shrank.
/// </summary>
/// <remarks>
/// Each line: the question, the as-of date, the last day of AWS data (and of Microsoft's, when it lags) over
/// <see cref="Issue13Scenario.Store"/>, and what the answer must show: dataThrough, the query's period and comparePeriod
/// ([start, end) ISO dates), total and compareTotal, text it starts with, contains, and must not contain.
/// </remarks>
public sealed class MisleadingAnswersEvaluationTests(ITestOutputHelper output)
{
    private const double RequiredAccuracy = 0.98;

    [Fact]
    public async Task AskJson_MisleadingAnswersSet_MeetsAccuracyBar()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Questions", "eval-misleading.jsonl");
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToList();
        Assert.True(lines.Count >= 25, $"the misleading-answers set needs at least 25 cases, has {lines.Count}");

        var failures = 0;
        foreach (var line in lines)
        {
            var spec = JsonNode.Parse(line)!;
            var question = spec["question"]!.GetValue<string>();
            var store = Issue13Scenario.Store(Date(spec["dataThrough"]), spec["microsoftThrough"] is { } m ? Date(m) : null);
            var json = await Issue13Scenario.AskJsonAsync(store, question, Date(spec["asOf"]));
            var problems = Check(spec["expect"]!, json);
            if (problems.Count > 0)
            {
                failures++;
                output.WriteLine($"FAIL: {question} (as of {spec["asOf"]}, data through {spec["dataThrough"]})");
                problems.ForEach(p => output.WriteLine("  " + p));
                output.WriteLine("  answer " + json.ToJsonString());
            }
        }

        var accuracy = (double)(lines.Count - failures) / lines.Count;
        output.WriteLine($"accuracy {accuracy:P1} ({lines.Count - failures}/{lines.Count})");
        Console.WriteLine($"Misleading answers evaluation accuracy {accuracy:P1} ({lines.Count - failures}/{lines.Count})");
        Assert.True(accuracy >= RequiredAccuracy, $"accuracy {accuracy:P1} is below {RequiredAccuracy:P0}; see the test output for each failure");
    }

    private static List<string> Check(JsonNode expect, JsonNode json)
    {
        var problems = new List<string>();
        var answer = json["answer"]!;
        var text = answer["text"]!.GetValue<string>();
        void Same(string what, string? expected, string? actual)
        {
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                problems.Add($"{what}: expected {expected ?? "null"}, got {actual ?? "null"}");
            }
        }

        if (expect["dataThrough"] is { } through)
        {
            Same("dataThrough", through.GetValue<string>(), answer["dataThrough"]?.GetValue<string>());
        }

        foreach (var name in new[] { "period", "comparePeriod" })
        {
            if (expect[name] is JsonArray range)
            {
                var actual = json["query"]?[name];
                Same(name, $"{range[0]}..{range[1]}", actual is null ? null : $"{actual["start"]}..{actual["end"]}");
            }
        }

        foreach (var name in new[] { "total", "compareTotal" })
        {
            if (expect[name] is { } amount)
            {
                Same(name, amount.GetValue<decimal>().ToString(CultureInfo.InvariantCulture), answer[name]?.GetValue<decimal>().ToString(CultureInfo.InvariantCulture));
            }
        }

        if (expect["startsWith"] is { } start && !text.StartsWith(start.GetValue<string>(), StringComparison.Ordinal))
        {
            problems.Add($"text does not start with \"{start}\"");
        }

        foreach (var part in expect["contains"]?.AsArray() ?? [])
        {
            if (!text.Contains(part!.GetValue<string>(), StringComparison.Ordinal))
            {
                problems.Add($"text does not contain \"{part}\"");
            }
        }

        foreach (var part in expect["excludes"]?.AsArray() ?? [])
        {
            if (text.Contains(part!.GetValue<string>(), StringComparison.Ordinal))
            {
                problems.Add($"text contains \"{part}\"");
            }
        }

        return problems;
    }

    private static DateOnly Date(JsonNode? node) => DateOnly.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);
}
