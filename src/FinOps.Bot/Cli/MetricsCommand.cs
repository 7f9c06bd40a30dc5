using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FinOps.Core.UnitEconomics;
using FinOps.Storage.Data;
using FinOps.Storage.Metrics;

namespace FinOps.Bot.Cli;

/// <summary><c>metrics import &lt;file|folder...&gt;</c> and <c>metrics list [--json]</c>: the business metrics behind unit costs.</summary>
/// <remarks>Each file is all-or-nothing; a value for a metric, team and date stored before is replaced. The exit code is 1 when any file failed.</remarks>
public static class MetricsCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var command = new Command("metrics", "Business metrics (orders, transactions, active users) for unit costs: import CSVs, list what is stored.");
        command.Subcommands.Add(Import());
        command.Subcommands.Add(List());
        return command;
    }

    private static Command Import()
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.OneOrMore, Description = "CSV files (date,metric,value[,team]) or folders of them." };
        var command = new Command("import", "Import business-metrics CSVs. A metric's value for the same date and team replaces the stored one.") { paths };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            IReadOnlyList<string> files;
            try
            {
                files = BusinessMetricImporter.Expand(parseResult.GetValue(paths)!);
            }
            catch (FileNotFoundException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }

            if (files.Count == 0)
            {
                await Console.Error.WriteLineAsync("error: no *.csv files found in the given paths.");
                return 2;
            }

            using var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
            await host.Services.GetRequiredService<CostDatabase>().EnsureReadyAsync(cancellationToken);
            var results = await host.Services.GetRequiredService<BusinessMetricImporter>().ImportAsync(files, cancellationToken);
            foreach (var result in results)
            {
                Print(result);
            }

            return results.Any(r => r.Status == BusinessMetricImportStatus.Failed) ? 1 : 0;
        });
        return command;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "One JSON object per metric and scope." };
        var command = new Command("list", "List the stored business metrics: metric, team (or company-wide), first and last day, days with a value.") { json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
            var series = await host.Services.GetRequiredService<IBusinessMetrics>().GetSeriesAsync(cancellationToken);
            var inv = CultureInfo.InvariantCulture;
            if (series.Count == 0 && !parseResult.GetValue(json))
            {
                Console.WriteLine("No business metrics stored. Import a CSV (date,metric,value[,team]) with 'metrics import <file>'.");
            }

            foreach (var s in series)
            {
                Console.WriteLine(parseResult.GetValue(json)
                    ? JsonSerializer.Serialize(new { metric = s.Metric, team = s.Team, first = s.First.ToString("yyyy-MM-dd", inv), last = s.Last.ToString("yyyy-MM-dd", inv), days = s.Days }, Json)
                    : string.Create(inv, $"{s.Metric}\t{s.Team ?? "(company-wide)"}\t{s.First:yyyy-MM-dd} to {s.Last:yyyy-MM-dd}\t{s.Days:N0} days"));
            }

            return 0;
        });
        return command;
    }

    private static void Print(BusinessMetricImportResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (r.Status)
        {
            case BusinessMetricImportStatus.Failed:
                Console.Error.WriteLine($"error: {r.Error} (nothing from this file was stored)");
                return;
            case BusinessMetricImportStatus.Unchanged:
                Console.WriteLine($"unchanged: {r.File} (imported before)");
                return;
            default:
                var replaced = r.Replaced == 0 ? "no stored values replaced" : string.Create(inv, $"replaced {r.Replaced:N0} stored values of the same metric, team and date");
                Console.WriteLine(string.Create(inv, $"imported: {r.File}: {r.Values:N0} values of {string.Join(", ", r.Metrics)}, {r.First:yyyy-MM-dd} to {r.Last:yyyy-MM-dd}; {replaced}"));
                return;
        }
    }
}
