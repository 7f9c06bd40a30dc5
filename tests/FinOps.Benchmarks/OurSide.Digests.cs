using System.Diagnostics;
using System.Text.Json;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Digests;
using FinOps.Core.Digests;
using FinOps.Core.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FinOps.Benchmarks;

/// <summary>Our side of the digests benchmark: WeeklyDigestBuilder + DigestCardComposer for every team of a generated company.</summary>
public static partial class OurSide
{
    /// <summary>
    /// Builds and cards the digest of each of <paramref name="teamCount"/> teams, <paramref name="runs"/> times, as the weekly
    /// publisher does before sending; then builds a sample of teams one by one (the filtered per-team path) and checks
    /// that it gives the same digests.
    /// </summary>
    public static async Task<DigestRunResult> DigestsAsync(string databasePath, int teamCount, int runs, int sample, CancellationToken cancellationToken)
    {
        var company = new GeneratedTeams(teamCount);
        var teams = company.Directory();
        await using var services = BuildServices(databasePath, s =>
        {
            // Monday 09:00 UTC, the scheduled digest time: the digest week is the last one in the data (16-22 November 2026).
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FixedClock(new DateTimeOffset(BenchData.AsOf.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero))));
            s.Replace(ServiceDescriptor.Singleton<ITeamAssignment>(company));
            s.AddDigests();
        });
        var builder = services.GetRequiredService<WeeklyDigestBuilder>();
        var composer = services.GetRequiredService<DigestCardComposer>();
        var costs = services.GetRequiredService<ICostQueryService>();

        // Cold start apart: loading the cube from SQLite and allocating its facts to the teams happens once per import.
        var cold = Stopwatch.StartNew();
        await costs.QueryAsync(new CostQuery { Period = builder.CurrentDigestWeek(), GroupBy = [Dimension.Team] }, cancellationToken);
        var coldSeconds = cold.Elapsed.TotalSeconds;

        IReadOnlyList<WeeklyDigest> digests = [];
        var cards = new List<Card>();
        var buildSeconds = new List<double>();
        var composeSeconds = new List<double>();
        var allocated = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var start = Stopwatch.GetTimestamp();
            digests = await builder.BuildManyAsync(teams, cancellationToken);
            buildSeconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            cards = [.. digests.Where(d => !d.IsEmpty).Select(composer.Compose)];
            composeSeconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - before) / 1_048_576.0);
        }

        // The per-team path (three filtered queries per team) on teams spread over the directory: its time per team, and the same digests.
        var mismatches = 0;
        var sampled = 0;
        var perTeam = Stopwatch.StartNew();
        var step = Math.Max(1, teams.Count / Math.Max(1, sample));
        for (var t = 0; t < teams.Count && sampled < sample; t += step, sampled++)
        {
            var one = await builder.BuildAsync(teams[t].Key, teams[t].DisplayName, cancellationToken);
            if (!one.IsEmpty)
            {
                composer.Compose(one);
            }

            if (JsonSerializer.Serialize(one) != JsonSerializer.Serialize(digests[t]))
            {
                mismatches++;
                Console.WriteLine($"MISMATCH {teams[t].Key}");
            }
        }

        var perTeamMilliseconds = sampled == 0 ? double.NaN : perTeam.Elapsed.TotalMilliseconds / sampled;
        return new DigestRunResult(
            teams.Count,
            digests.Count,
            cards.Count,
            cards.Sum(c => c.Blocks.Count),
            coldSeconds,
            buildSeconds,
            composeSeconds,
            Stats.Median(allocated),
            sampled,
            perTeamMilliseconds,
            mismatches,
            PeakMemory.ReadPeakRssMegabytes());
    }
}
