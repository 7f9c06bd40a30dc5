using System.Text.Json.Nodes;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using FinOps.Core.Query;
using Xunit.Abstractions;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>The unit-economics phrasings of <c>eval-unitcost.jsonl</c>: metric words, scale, layout, team, period, granularity, comparison.</summary>
public sealed class UnitCostEvaluationTests(ITestOutputHelper output)
{
    private const double RequiredAccuracy = 0.98;

    [Fact]
    public void Parse_UnitCostEvaluationSet_MeetsAccuracyBar()
    {
        var parser = new QuestionParser(DemoCatalog.Catalog, CostCalendar.Default);
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Questions", "eval-unitcost.jsonl")).Where(l => l.Trim().Length > 0).ToList();
        Assert.True(lines.Count >= 50, $"the unit-cost evaluation set needs at least 50 phrasings, has {lines.Count}");

        var failures = 0;
        foreach (var line in lines)
        {
            var expected = JsonNode.Parse(line)!.AsObject();
            var question = expected["question"]!.GetValue<string>();
            var parsed = parser.Parse(question, DemoCatalog.AsOf);
            var problems = Compare(expected, parsed);
            if (problems.Count > 0)
            {
                failures++;
                output.WriteLine($"FAIL: {question}: {string.Join("; ", problems)}");
            }
        }

        var accuracy = (double)(lines.Count - failures) / lines.Count;
        output.WriteLine($"accuracy {accuracy:P1} ({lines.Count - failures}/{lines.Count})");
        Assert.True(accuracy >= RequiredAccuracy, $"accuracy {accuracy:P1} is below {RequiredAccuracy:P0}; see the test output for each failure");
    }

    private static List<string> Compare(JsonObject expected, ParsedQuestion parsed)
    {
        var problems = new List<string>();
        if (parsed.Intent != QuestionIntent.UnitCost || parsed.UnitCost is not { } unit || parsed.Query is not { } query)
        {
            problems.Add($"intent {parsed.Intent}");
            return problems;
        }

        Check(problems, "metric", expected["metric"]?.GetValue<string>(), unit.MetricPhrase is null ? null : string.Join(' ', unit.MetricWords.Select(Core.UnitEconomics.BusinessMetricNames.Singular)));
        Check(problems, "scale", expected["scale"]?.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), unit.Scale?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Check(problems, "shape", expected["shape"]!.GetValue<string>(), unit.Shape.ToString().ToLowerInvariant());
        Check(problems, "team", expected["team"]?.GetValue<string>(), query.Filters.TryGetValue(Dimension.Team, out var teams) ? string.Join(",", teams) : null);
        Check(problems, "granularity", expected["granularity"]?.GetValue<string>(), query.Granularity?.ToString().ToLowerInvariant());
        if (expected["period"] is JsonArray period)
        {
            Check(problems, "period", $"{period[0]}..{period[1]}", $"{QueryJson.Date(query.Period.Start)}..{QueryJson.Date(query.Period.End)}");
        }

        var compare = query.ComparePeriod is { } c ? $"{QueryJson.Date(c.Start)}..{QueryJson.Date(c.End)}" : null;
        switch (expected["compare"])
        {
            case null:
                Check(problems, "comparePeriod", null, compare);
                break;
            case JsonArray range:
                Check(problems, "comparePeriod", $"{range[0]}..{range[1]}", compare);
                break;
            default:
                if (compare is null)
                {
                    problems.Add("comparePeriod: expected one, got none");
                }

                break;
        }

        if (query.GroupBy.Count > 0 || query.Top is not null)
        {
            problems.Add("unit cost must not group or rank");
        }

        return problems;
    }

    private static void Check(List<string> problems, string field, string? expected, string? actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            problems.Add($"{field}: expected {expected ?? "null"}, got {actual ?? "null"}");
        }
    }
}
