using System.CommandLine;
using System.Globalization;
using FinOps.Bot.Hosting;
using FinOps.Core.Allocation;
using FinOps.Core.Query;
using FinOps.Storage.Allocation;
using FinOps.Storage.Costs;

namespace FinOps.Bot.Cli;

/// <summary>
/// <c>allocation check|reallocate|explain|coverage|showback|runs</c>: validate <c>allocation.yaml</c>, re-apply it to
/// history and see what moved, explain why a resource is charged to a team, coverage ("what to tag next") and showback.
/// </summary>
/// <remarks>Exit codes: 0 success, 1 invalid rules file, 2 bad arguments.</remarks>
public static class AllocationCommand
{
    public static Command Create()
    {
        var command = new Command("allocation", "Team allocation rules (allocation.yaml): check, reallocate, explain, coverage, showback, runs.");
        command.Subcommands.Add(Check());
        command.Subcommands.Add(Reallocate());
        command.Subcommands.Add(Explain());
        command.Subcommands.Add(Coverage());
        command.Subcommands.Add(Showback());
        command.Subcommands.Add(Runs());
        return command;
    }

    private static readonly Option<CostMetric> MetricOption = new("--metric")
    {
        Description = "EffectiveCost (default), BilledCost, ListCost or ContractedCost.",
        DefaultValueFactory = _ => CostMetric.EffectiveCost,
    };

    private static readonly Option<string?> FromOption = new("--from") { Description = "First day (YYYY-MM-DD); default: the first day with data." };

    private static readonly Option<string?> ToOption = new("--to") { Description = "Day after the last (YYYY-MM-DD, exclusive); default: after the last day with data." };

    private static Command Check()
    {
        var command = new Command("check", "Validate the rules file and print what it defines.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
            var reloader = host.Services.GetRequiredService<AllocationReloader>();
            reloader.Reload();
            if (reloader.LastError is { } error)
            {
                await Console.Error.WriteLineAsync("error: " + error);
                return 1;
            }

            var rules = host.Services.GetRequiredService<AllocationRuleSource>().Current;
            Console.WriteLine(File.Exists(reloader.RulesPath) ? $"ok: {reloader.RulesPath}" : $"no rules file at {reloader.RulesPath}: built-in defaults (tag 'team', else Unallocated)");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"revision {rules.Revision ?? "-"}: {rules.Teams.Count} teams, {rules.TagRules.Count} tag rules, {rules.HierarchyRules.Count} hierarchy rules, {rules.Pools.Count} shared pools"));
            return 0;
        });
        return command;
    }

    private static Command Reallocate()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would move without recording the run." };
        var command = new Command("reallocate", "Re-apply the rules file to all history and report what moved since the last run.") { MetricOption, dryRun };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = await StartAsync(parseResult, cancellationToken);
            ReallocationReport report;
            try
            {
                report = await host.Services.GetRequiredService<AllocationService>()
                    .ReallocateAsync(parseResult.GetValue(MetricOption), parseResult.GetValue(dryRun), cancellationToken);
            }
            catch (AllocationRulesException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message + " (nothing was re-allocated)");
                return 1;
            }

            Console.WriteLine($"before: {report.BeforeRules}");
            Console.WriteLine($"after:  {report.AfterRules}");
            if (report.AffectedPeriod is not { } affected)
            {
                Console.WriteLine("nothing moved.");
                return 0;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"affected period: {affected.Start:yyyy-MM-dd} to {affected.End.AddDays(-1):yyyy-MM-dd} ({report.Metric})"));
            Console.WriteLine($"{"team",-24} {"currency",-8} {"before",16} {"after",16} {"change",16}");
            foreach (var m in report.Moves)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.Team,-24} {m.Currency,-8} {m.Before,16:N2} {m.After,16:N2} {m.Change,16:+#,##0.00;-#,##0.00;0.00}"));
            }

            return 0;
        });
        return command;
    }

    private static Command Explain()
    {
        var resource = new Argument<string>("resource") { Description = "Resource name or id as shown in breakdowns." };
        var command = new Command("explain", "Why is this resource charged to this team? Names the rule, what matched and any split.") { resource, MetricOption, FromOption, ToOption };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = await StartAsync(parseResult, cancellationToken);
            if (!TryPeriod(parseResult, null, out var period))
            {
                return 2;
            }

            var explanations = await host.Services.GetRequiredService<AllocationService>()
                .ExplainAsync(parseResult.GetValue(resource)!, period, parseResult.GetValue(MetricOption), cancellationToken);
            if (explanations.Count == 0)
            {
                await Console.Error.WriteLineAsync($"error: no cost for resource '{parseResult.GetValue(resource)}' in the store.");
                return 2;
            }

            foreach (var e in explanations)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{e.Resource} ({e.Service}, {e.Account}) {e.FirstDate:yyyy-MM-dd}..{e.LastDate:yyyy-MM-dd}: {e.Amount:N2} {e.Currency} {e.Metric} in {e.Facts} daily rows"));
                Console.WriteLine($"  -> {e.Team ?? "split"} by {e.Kind} rule '{e.RuleId}': {e.Reason}");
                foreach (var s in e.Shares)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"     {s.Team,-20} {s.Percent,8:0.##}% {s.Amount,14:N2}"));
                }

                Console.WriteLine($"  rules: {e.RulesSource}");
            }

            return 0;
        });
        return command;
    }

    private static Command Coverage()
    {
        var top = new Option<int>("--top") { Description = "How many unallocated resources and services to list.", DefaultValueFactory = _ => 10 };
        var command = new Command("coverage", "Share of cost allocated by tag, hierarchy, shared split and unallocated; what to tag next.") { MetricOption, FromOption, ToOption, top };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = await StartAsync(parseResult, cancellationToken);
            if (await ReportPeriodAsync(host, parseResult, cancellationToken) is not { } period)
            {
                return 2;
            }

            var coverage = await host.Services.GetRequiredService<AllocationService>()
                .CoverageAsync(period, parseResult.GetValue(MetricOption), parseResult.GetValue(top), cancellationToken);
            foreach (var c in coverage)
            {
                var inv = CultureInfo.InvariantCulture;
                Console.WriteLine(string.Create(inv, $"{c.Currency} {period}: total {c.Total:N2}"));
                Console.WriteLine(string.Create(inv, $"  by tag        {c.ByTag,16:N2} {c.ByTagPercent,7:0.00}%"));
                Console.WriteLine(string.Create(inv, $"  by hierarchy  {c.ByHierarchy,16:N2} {c.ByHierarchyPercent,7:0.00}%"));
                Console.WriteLine(string.Create(inv, $"  shared split  {c.BySharedSplit,16:N2} {c.BySharedSplitPercent,7:0.00}%"));
                Console.WriteLine(string.Create(inv, $"  unallocated   {c.Unallocated,16:N2} {c.UnallocatedPercent,7:0.00}%"));
                Console.WriteLine("  what to tag next (resources):");
                foreach (var item in c.TopUnallocatedResources)
                {
                    Console.WriteLine(string.Create(inv, $"    {item.Amount,14:N2}  {item.Name}"));
                }

                Console.WriteLine("  unallocated by service:");
                foreach (var item in c.TopUnallocatedServices)
                {
                    Console.WriteLine(string.Create(inv, $"    {item.Amount,14:N2}  {item.Name}"));
                }
            }

            return 0;
        });
        return command;
    }

    private static Command Showback()
    {
        var team = new Argument<string?>("team") { Description = "A team key; all teams when omitted.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("showback", "A team's direct cost plus its share of each shared pool, shown separately.") { team, MetricOption, FromOption, ToOption };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = await StartAsync(parseResult, cancellationToken);
            if (await ReportPeriodAsync(host, parseResult, cancellationToken) is not { } period)
            {
                return 2;
            }

            var rows = await host.Services.GetRequiredService<AllocationService>()
                .ShowbackAsync(period, parseResult.GetValue(MetricOption), parseResult.GetValue(team), cancellationToken);
            foreach (var s in rows)
            {
                var inv = CultureInfo.InvariantCulture;
                Console.WriteLine(string.Create(inv, $"{s.Team} ({s.Currency}, {period}): total {s.Total:N2}"));
                Console.WriteLine(string.Create(inv, $"  direct {s.Direct,26:N2}"));
                foreach (var p in s.Shared)
                {
                    Console.WriteLine(string.Create(inv, $"  pool {p.PoolId,-16} {p.Amount,12:N2} ({p.Method})"));
                }
            }

            return 0;
        });
        return command;
    }

    private static Command Runs()
    {
        var command = new Command("runs", "Recorded re-allocation runs, newest first.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = await StartAsync(parseResult, cancellationToken);
            foreach (var run in await host.Services.GetRequiredService<AllocationService>().GetRunsAsync(20, cancellationToken))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{run.AppliedAt:yyyy-MM-ddTHH:mm:ss}Z {run.RulesSource} revision {run.Revision ?? "-"}: affected {run.AffectedStart ?? "nothing"}..{run.AffectedEnd ?? ""}"));
            }

            return 0;
        });
        return command;
    }

    private static async Task<IHost> StartAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
        await host.Services.GetRequiredService<StoreInitializer>().InitializeAsync(cancellationToken);
        return host;
    }

    /// <summary>--from/--to, defaulting to the dates the store covers; null (after saying why) when there is no usable period.</summary>
    private static async Task<DateRange?> ReportPeriodAsync(IHost host, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var engine = await host.Services.GetRequiredService<SqliteCostStore>().GetEngineAsync(cancellationToken);
        if (!TryPeriod(parseResult, engine.Cube.Dates, out var period))
        {
            return null;
        }

        if (period is null)
        {
            await Console.Error.WriteLineAsync("error: no period (the store is empty; give --from and --to).");
        }

        return period;
    }

    private static bool TryPeriod(ParseResult parseResult, DateRange? fallback, out DateRange? period)
    {
        period = fallback;
        var from = parseResult.GetValue(FromOption);
        var to = parseResult.GetValue(ToOption);
        if (from is null && to is null)
        {
            return true;
        }

        if (!TryDate(from, fallback?.Start, out var start) || !TryDate(to, fallback?.End, out var end) || start is null || end is null || end < start)
        {
            Console.Error.WriteLine("error: --from/--to must be dates (YYYY-MM-DD) with --to after --from.");
            return false;
        }

        period = new DateRange(start.Value, end.Value);
        return true;
    }

    private static bool TryDate(string? text, DateOnly? fallback, out DateOnly? date)
    {
        date = fallback;
        if (text is null)
        {
            return true;
        }

        var ok = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
        date = ok ? parsed : null;
        return ok;
    }
}
