using System.Text.Json.Nodes;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using Xunit.Abstractions;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>The follow-up evaluation (eval-followups.jsonl): a previous question, a follow-up and the query the follow-up means.</summary>
public sealed class FollowUpEvaluationTests(ITestOutputHelper output)
{
    private const double RequiredAccuracy = 0.98;

    [Fact]
    public void Parse_FollowUpEvaluationSet_MeetsAccuracyBar()
    {
        var parser = new QuestionParser(DemoCatalog.Catalog, CostCalendar.Default);
        var path = Path.Combine(AppContext.BaseDirectory, "Questions", "eval-followups.jsonl");
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToList();
        Assert.True(lines.Count >= 50, $"the follow-up evaluation set needs at least 50 phrasings, has {lines.Count}");

        var failures = 0;
        foreach (var line in lines)
        {
            var expected = JsonNode.Parse(line)!.AsObject();
            var previous = parser.Parse(expected["previous"]!.GetValue<string>(), DemoCatalog.AsOf);
            Assert.True(previous.Understood, $"the previous question '{previous.Text}' must be understood on its own");
            var followUp = expected["followUp"]!.GetValue<string>();
            var parsed = parser.Parse(followUp, DemoCatalog.AsOf, previous);
            JsonNode? actual = parsed.Understood ? QueryJson.Write(parsed.Intent, parsed.Query!) : null;
            if (!JsonNode.DeepEquals(actual, expected["query"]))
            {
                failures++;
                output.WriteLine($"FAIL: {previous.Text} -> {followUp}");
                output.WriteLine($"  expected {expected["query"]?.ToJsonString() ?? "null"}");
                output.WriteLine($"  actual   {actual?.ToJsonString() ?? "null"}");
            }
        }

        var accuracy = (double)(lines.Count - failures) / lines.Count;
        output.WriteLine($"accuracy {accuracy:P1} ({lines.Count - failures}/{lines.Count})");
        Console.WriteLine($"Follow-up evaluation accuracy {accuracy:P1} ({lines.Count - failures}/{lines.Count})");
        Assert.True(accuracy >= RequiredAccuracy, $"accuracy {accuracy:P1} is below {RequiredAccuracy:P0}; see the test output for each failure");
    }
}
