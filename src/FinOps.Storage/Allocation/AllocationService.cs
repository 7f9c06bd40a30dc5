using System.Globalization;
using System.Text.Json;
using FinOps.Core.Allocation;
using FinOps.Core.Query;
using FinOps.Storage.Costs;
using FinOps.Storage.Data;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.Allocation;

/// <summary>Allocation over the stored history: re-allocate after a rule change (and record the run), explain, coverage, showback.</summary>
/// <remarks>
/// Allocation is computed at query time from the rules in force, so re-allocating history means activating the new
/// rules and dropping the cached team allocation (the cube stays loaded). <see cref="ReallocateAsync"/> also compares with the rules of the previous
/// recorded run (the built-in defaults before the first run) and stores what moved in <c>AllocationRuns</c>.
/// </remarks>
public sealed class AllocationService(
    AllocationReloader reloader,
    AllocationRuleSource source,
    SqliteCostStore store,
    CostDatabase database,
    TimeProvider timeProvider)
{
    /// <summary>The rules in force (loading the file on first use).</summary>
    public AllocationRules CurrentRules => source.Current;

    /// <summary>Re-reads the rules file, re-applies it to all history and reports what moved since the previous run.</summary>
    /// <param name="metric">The metric to compare teams by.</param>
    /// <param name="dryRun">Report only: the run is not recorded (the file's rules are still activated if valid).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <exception cref="AllocationRulesException">The rules file is invalid; the previous rules stay active.</exception>
    public async Task<ReallocationReport> ReallocateAsync(CostMetric metric, bool dryRun, CancellationToken cancellationToken)
    {
        reloader.Reload();
        if (reloader.LastError is { } error)
        {
            throw new AllocationRulesException(error);
        }

        var after = source.Current;
        var afterText = reloader.LoadedText;
        await database.EnsureReadyAsync(cancellationToken);
        AllocationRunEntity? previous;
        await using (var context = database.CreateContext())
        {
            previous = await context.AllocationRuns.OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        }

        var before = Previous(previous);
        store.ReassignTeams();
        var engine = await store.GetEngineAsync(cancellationToken);
        var report = AllocationReports.Reallocate(engine.Cube, before, after, metric);
        if (!dryRun)
        {
            await using var context = database.CreateContext();
            context.AllocationRuns.Add(new AllocationRunEntity
            {
                AppliedAt = timeProvider.GetUtcNow(),
                RulesSource = after.Source,
                Revision = after.Revision,
                RulesText = afterText,
                Metric = metric.ToString(),
                AffectedStart = report.AffectedPeriod?.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                AffectedEnd = report.AffectedPeriod?.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                MovesJson = JsonSerializer.Serialize(report.Moves),
            });
            await context.SaveChangesAsync(cancellationToken);
        }

        return report;
    }

    /// <summary>The recorded re-allocation runs, newest first.</summary>
    public async Task<IReadOnlyList<AllocationRunEntity>> GetRunsAsync(int take, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        return await context.AllocationRuns.OrderByDescending(r => r.Id).Take(take).AsNoTracking().ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AllocationExplanation>> ExplainAsync(string resource, DateRange? period, CostMetric metric, CancellationToken cancellationToken)
    {
        var rules = CurrentRules;
        var engine = await store.GetEngineAsync(cancellationToken);
        return AllocationReports.ExplainResource(engine.Cube, rules, metric, resource, period);
    }

    public async Task<IReadOnlyList<AllocationCoverage>> CoverageAsync(DateRange period, CostMetric metric, int top, CancellationToken cancellationToken)
    {
        var rules = CurrentRules;
        var engine = await store.GetEngineAsync(cancellationToken);
        return AllocationReports.Coverage(engine.Cube, rules, metric, period, top);
    }

    public async Task<IReadOnlyList<TeamShowback>> ShowbackAsync(DateRange period, CostMetric metric, string? team, CancellationToken cancellationToken)
    {
        var rules = CurrentRules;
        var engine = await store.GetEngineAsync(cancellationToken);
        return AllocationReports.Showback(engine.Cube, rules, metric, period, team);
    }

    private static AllocationRules Previous(AllocationRunEntity? run)
    {
        if (run is null || run.RulesText.Length == 0)
        {
            return AllocationRules.Default;
        }

        var source = string.Create(CultureInfo.InvariantCulture, $"{run.RulesSource} as applied {run.AppliedAt:yyyy-MM-dd HH:mm}Z");
        try
        {
            return AllocationRulesParser.Parse(run.RulesText, source);
        }
        catch (AllocationRulesException)
        {
            // Rules recorded by an older build that this one no longer reads: compare against the defaults instead.
            return AllocationRules.Default with { Source = source + " (unreadable, compared with defaults)" };
        }
    }
}
