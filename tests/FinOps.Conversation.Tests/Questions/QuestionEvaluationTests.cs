using System.Text.Json.Nodes;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using Xunit.Abstractions;

namespace FinOps.Conversation.Tests.Questions;

public sealed class QuestionEvaluationTests(ITestOutputHelper output)
{
    private const double RequiredAccuracy = 0.98;

    [Fact]
    public void Parse_EvaluationSet_MeetsAccuracyBar()
    {
        var parser = new QuestionParser(DemoCatalog.Catalog, CostCalendar.Default);
        var path = Path.Combine(AppContext.BaseDirectory, "Questions", "eval.jsonl");
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToList();
        Assert.True(lines.Count >= 150, $"the evaluation set needs at least 150 phrasings, has {lines.Count}");

        var failures = 0;
        foreach (var line in lines)
        {
            var expected = JsonNode.Parse(line)!.AsObject();
            var question = expected["question"]!.GetValue<string>();
            var parsed = parser.Parse(question, DemoCatalog.AsOf);
            JsonNode? actual = parsed.Understood ? QueryJson.Write(parsed.Intent, parsed.Query!, parsed.Measure) : null;
            // "clarify": true means a word that changes the answer cannot be applied: the bot must ask back, not answer.
            var expectClarify = expected["clarify"]?.GetValue<bool>() == true;
            var ok = expectClarify ? parsed.Unapplied.Count > 0 : parsed.Unapplied.Count == 0 && JsonNode.DeepEquals(actual, expected["query"]);
            if (!ok)
            {
                failures++;
                output.WriteLine($"FAIL: {question}");
                output.WriteLine($"  expected {expected["query"]?.ToJsonString() ?? "null"}");
                output.WriteLine($"  actual   {actual?.ToJsonString() ?? "null"}");
            }
        }

        var accuracy = (double)(lines.Count - failures) / lines.Count;
        output.WriteLine($"accuracy {accuracy:P1} ({lines.Count - failures}/{lines.Count})");
        Console.WriteLine($"Question evaluation accuracy {accuracy:P1} ({lines.Count - failures}/{lines.Count})");
        Assert.True(accuracy >= RequiredAccuracy, $"accuracy {accuracy:P1} is below {RequiredAccuracy:P0}; see the test output for each failure");
    }
}
