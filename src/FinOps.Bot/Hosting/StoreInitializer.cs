using FinOps.Core.Demo;
using FinOps.Storage.Data;
using FinOps.Storage.Import;
using FinOps.Core.Query;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Hosting;

/// <summary>Migrates the store and, on the very first run, seeds the demo company so a newcomer sees real numbers.</summary>
public sealed partial class StoreInitializer(
    CostDatabase database,
    CostImporter importer,
    ICostQueryService costs,
    StartupState state,
    IOptions<DemoSeedOptions> demo,
    TimeProvider timeProvider,
    ILogger<StoreInitializer> logger) : BackgroundService
{
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
            state.Report("start-up failed: " + e.Message);
            LogFailed(logger, e);
            throw;
        }
    }

    /// <summary>Runs the start-up work; also used by the CLI verbs.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        state.Report("migrating the cost store");
        await database.EnsureReadyAsync(cancellationToken);
        LogStore(logger, database.DatabasePath);

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

            LogSeeded(logger, generated.RowCount, generated.FirstDay, generated.LastDay);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cost store: {Path}")]
    private static partial void LogStore(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store was empty, so it was seeded with {Rows} rows of DEMO data (Acme Commerce, {First} to {Last}). For real data, start with Demo:SeedOnFirstRun=false on a new --db file and import your FOCUS exports.")]
    private static partial void LogSeeded(ILogger logger, long rows, DateOnly first, DateOnly last);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Start-up failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
