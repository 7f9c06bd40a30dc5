using System.Diagnostics;
using FinOps.Conversation.Answers;
using FinOps.Core.Query;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Benchmarks;

/// <summary>Our side of the query and ask benchmarks: ICostQueryService and QuestionService over an imported store.</summary>
public static partial class OurSide
{
    /// <summary>Each shape through <see cref="ICostQueryService"/>, warm; the cold start is the first query (loading the cube from SQLite).</summary>
    public static async Task<QueryRunResult> QueryAsync(string databasePath, IReadOnlyList<QueryShape> shapes, int iterations, CancellationToken cancellationToken)
    {
        await using var services = BuildServices(databasePath);
        var costs = services.GetRequiredService<ICostQueryService>();
        var cold = Stopwatch.StartNew();
        await costs.QueryAsync(shapes[0].Query, cancellationToken);
        var coldSeconds = cold.Elapsed.TotalSeconds;

        var timings = new List<ShapeTiming>(shapes.Count);
        foreach (var shape in shapes)
        {
            CostQueryResult? last = null;
            var samples = await Timing.MeasureAsync(iterations, async () => last = await costs.QueryAsync(shape.Query, cancellationToken));
            timings.Add(new ShapeTiming(
                shape.Name,
                Stats.Percentile(samples, 50),
                Stats.Percentile(samples, 95),
                samples.Max(),
                last!.ByCurrency.ToDictionary(c => c.Currency, c => c.Total, StringComparer.Ordinal),
                last.ByCurrency.Where(c => c.CompareTotal is not null).ToDictionary(c => c.Currency, c => c.CompareTotal!.Value, StringComparer.Ordinal)));
        }

        return new QueryRunResult("ours", coldSeconds, iterations, PeakMemory.ReadPeakRssMegabytes(), timings);
    }

    /// <summary>Parse + query + compose of each question through <see cref="QuestionService.AskAsync"/>, warm.</summary>
    public static async Task<QueryRunResult> AskAsync(string databasePath, IReadOnlyList<string> questions, int iterations, CancellationToken cancellationToken)
    {
        await using var services = BuildServices(databasePath);
        var service = services.GetRequiredService<QuestionService>();
        var cold = Stopwatch.StartNew();
        await service.AskAsync(questions[0], BenchData.AsOf, cancellationToken);
        var coldSeconds = cold.Elapsed.TotalSeconds;

        var timings = new List<ShapeTiming>(questions.Count);
        foreach (var question in questions)
        {
            var samples = await Timing.MeasureAsync(iterations, () => service.AskAsync(question, BenchData.AsOf, cancellationToken));
            timings.Add(new ShapeTiming(question, Stats.Percentile(samples, 50), Stats.Percentile(samples, 95), samples.Max(), new Dictionary<string, decimal>(), new Dictionary<string, decimal>()));
        }

        return new QueryRunResult("ours-ask", coldSeconds, iterations, PeakMemory.ReadPeakRssMegabytes(), timings);
    }
}
