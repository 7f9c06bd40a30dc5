using System.Text.Json.Nodes;
using FinOps.Conversation.Answers;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using FinOps.Core.Query;
using Xunit.Abstractions;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>The evaluation over the values the demo generator really writes (eval-demo.jsonl).</summary>
public sealed class DemoEvaluationTests(ITestOutputHelper output)
{
    private const double RequiredAccuracy = 0.98;

    [Fact]
    public void Parse_DemoEvaluationSet_MeetsAccuracyBar()
    {
        var parser = new QuestionParser(RealDemoCatalog.Catalog, CostCalendar.Default);
        var path = Path.Combine(AppContext.BaseDirectory, "Questions", "eval-demo.jsonl");
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToList();
        Assert.True(lines.Count >= 200, $"the demo evaluation set needs at least 200 phrasings, has {lines.Count}");

        var failures = 0;
        foreach (var line in lines)
        {
            var expected = JsonNode.Parse(line)!.AsObject();
            var question = expected["question"]!.GetValue<string>();
            var parsed = parser.Parse(question, RealDemoCatalog.AsOf);
            JsonNode? actual = parsed.Understood ? QueryJson.Write(parsed.Intent, parsed.Query!, parsed.Measure) : null;

            // "ambiguous": true means the bot must ask back (a word matches several values equally).
            var expectAmbiguous = expected["ambiguous"]?.GetValue<bool>() == true;
            var ok = expectAmbiguous
                ? parsed.Understood && parsed.Ambiguities.Count > 0
                : parsed.Ambiguities.Count == 0 && JsonNode.DeepEquals(actual, expected["query"]);
            if (!ok)
            {
                failures++;
                output.WriteLine($"FAIL: {question}");
                output.WriteLine($"  expected {(expectAmbiguous ? "a question back" : expected["query"]?.ToJsonString() ?? "null")}");
                output.WriteLine($"  actual   {actual?.ToJsonString() ?? "null"}{string.Join("", parsed.Ambiguities.Select(a => $" ambiguous '{a.Word}': {string.Join(", ", a.Candidates)}"))}");
            }
        }

        var accuracy = (double)(lines.Count - failures) / lines.Count;
        output.WriteLine($"accuracy {accuracy:P1} ({lines.Count - failures}/{lines.Count})");
        Console.WriteLine($"Demo question evaluation accuracy {accuracy:P1} ({lines.Count - failures}/{lines.Count})");
        Assert.True(accuracy >= RequiredAccuracy, $"accuracy {accuracy:P1} is below {RequiredAccuracy:P0}; see the test output for each failure");
    }

    [Fact]
    public void RealDemoCatalog_Values_AreThoseTheStoreShows()
    {
        var values = RealDemoCatalog.Values;
        foreach (var (dimension, list) in values.OrderBy(p => p.Key.ToString()))
        {
            output.WriteLine($"{dimension} ({list.Count}): {string.Join(" | ", list)}");
        }

        Assert.Equal(["AWS", "Google Cloud", "Microsoft", "Oracle"], values[Dimension.Of(DimensionKind.Provider)]);
        Assert.Contains("Unallocated", values[Dimension.Of(DimensionKind.Team)]);
        Assert.Contains("payments", values[Dimension.Of(DimensionKind.Team)]);
        Assert.Contains("prod", values[Dimension.Of(DimensionKind.Environment)]);
    }

    [Fact]
    public void Examples_RealDemoCatalog_EachExampleIsUnderstoodWithoutAskingBack()
    {
        var catalog = RealDemoCatalog.Catalog;
        var parser = new QuestionParser(catalog, CostCalendar.Default);

        var examples = HelpCards.Examples(catalog);

        foreach (var example in examples)
        {
            output.WriteLine(example);
            var parsed = parser.Parse(example, RealDemoCatalog.AsOf);
            Assert.True(parsed.Understood, example);
            Assert.Empty(parsed.Ambiguities);
            Assert.Empty(parsed.UnrecognisedWords);
        }

        Assert.Contains("How much did checkout spend last week?", examples);
        Assert.Contains("Why did AWS spend change last month?", examples);
        Assert.Contains("Daily EC2 spend over the last 30 days", examples);
        Assert.Contains("Prod spend by provider last month", examples);
    }
}
