using System.Globalization;
using FinOps.Demo;
using FinOps.Storage.Allocation;
using FinOps.Storage.Data;
using FinOps.Storage.Import;
using FinOps.Storage.Metrics;
using FinOps.Core.Query;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Hosting;

/// <summary>Migrates the store and, on the very first run, seeds the demo company so a newcomer sees real numbers.</summary>
public sealed partial class StoreInitializer(
    CostDatabase database,
    AllocationReloader allocation,
    CostImporter importer,
    BusinessMetricImporter metricsImporter,
    BusinessMetricFolder metricsFolder,
    ICostQueryService costs,
    StartupState state,
    IOptions<DemoSeedOptions> demo,
    TimeProvider timeProvider,
    IHostApplicationLifetime lifetime,
    ILogger<StoreInitializer> logger) : BackgroundService
{
    /// <summary>The demo metrics file in the watched folder.</summary>
    public const string DemoMetricsFileName = "demo-business-metrics.csv";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await InitializeAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down before start-up finished.
        }
        catch (Exception e)
        {
            // One line for the operator: serve prints it to standard error and exits non-zero; the exception only at debug level.
            var failure = StartupFailure.Describe(e);
            state.MarkFailed(failure);
            LogFailed(logger, e);
            lifetime.StopApplication();
        }
    }

    /// <summary>Runs the start-up work; also used by the CLI verbs.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        state.Report("migrating the cost store");
        await database.EnsureReadyAsync(cancellationToken);
        LogStore(logger, database.Description);

        if (demo.Value.SeedOnFirstRun && (await importer.GetImportHistoryAsync(cancellationToken)).Count == 0)
        {
            await SeedDemoDataAsync(cancellationToken);
        }

        state.Report("loading costs");
        await costs.GetCoverageAsync(cancellationToken);
        state.MarkReady();
    }

    private async Task SeedDemoDataAsync(CancellationToken cancellationToken)
    {
        state.Report("generating demo data");
        var options = DemoDataOptions.EndingToday(timeProvider) with { TargetRows = demo.Value.Rows };
        var file = Path.Combine(Path.GetTempPath(), $"finops-demo-{Guid.NewGuid():N}.csv");
        try
        {
            var generated = await new FocusDemoGenerator().WriteFileAsync(file, options, cancellationToken);
            state.Report("importing demo data");
            var report = await importer.ImportAsync([file], cancellationToken);
            if (report.Files.Any(f => f.Status == ImportStatus.Failed))
            {
                throw new InvalidOperationException("Importing the generated demo data failed: " + string.Join("; ", report.Files.Select(f => f.Error)));
            }

            LogSeeded(logger, generated.RowCount, generated.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), generated.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            InstallDemoAllocationRules();
            await SeedDemoBusinessMetricsAsync(generated.FirstDay, generated.LastDay, cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The demo company's orders, transactions and active users, written to the watched metrics folder (an example of the format) and imported.</summary>
    private async Task SeedDemoBusinessMetricsAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        state.Report("importing demo business metrics");
        Directory.CreateDirectory(metricsFolder.Path);
        var file = Path.Combine(metricsFolder.Path, DemoMetricsFileName);
        // Written aside and moved in, so the folder watcher never reads a half-written file.
        var partial = file + ".partial";
        BusinessMetricsDemoGenerator.WriteFile(partial, firstDay, lastDay);
        File.Move(partial, file, overwrite: true);
        var result = await metricsImporter.ImportFileAsync(file, cancellationToken);
        if (result.Status == BusinessMetricImportStatus.Failed)
        {
            throw new InvalidOperationException("Importing the generated demo business metrics failed: " + result.Error);
        }

        LogDemoMetrics(logger, result.Values, file);
    }

    /// <summary>The demo company's rules (tag aliases, account hierarchy, shared pools) next to the demo store, unless a rules file is there already.</summary>
    private void InstallDemoAllocationRules()
    {
        var demoRules = Path.Combine(AppContext.BaseDirectory, "allocation.demo.yaml");
        if (File.Exists(allocation.RulesPath) || !File.Exists(demoRules))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(allocation.RulesPath)!);
        File.Copy(demoRules, allocation.RulesPath);
        allocation.Reload();
        LogDemoRules(logger, allocation.RulesPath);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo allocation rules written to {Path}; edit it and the bot reloads it within seconds (see README 'Allocation rules').")]
    private static partial void LogDemoRules(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo business metrics ({Values} values: orders, transactions, active users, searches) written to {Path} and imported; unit-cost questions such as 'cost per 1,000 orders last month' use them.")]
    private static partial void LogDemoMetrics(ILogger logger, int values, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cost store: {Store}")]
    private static partial void LogStore(ILogger logger, string store);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store was empty, so it was seeded with {Rows} rows of DEMO data (Acme Commerce, {First} to {Last}). For real data, start with Demo:SeedOnFirstRun=false on a new --db file and import your FOCUS exports.")]
    private static partial void LogSeeded(ILogger logger, long rows, string first, string last);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Start-up failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
