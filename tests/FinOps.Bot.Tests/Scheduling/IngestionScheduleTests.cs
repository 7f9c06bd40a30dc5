using FinOps.Bot.Scheduling;
using FinOps.Core.Ingestion;
using FinOps.Storage;
using FinOps.Storage.Ingestion;
using FinOps.Storage.Tests.Ingestion;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace FinOps.Bot.Tests.Scheduling;

/// <summary>One Quartz job per enabled ingestion source, on the source's cron in UTC; the job syncs its source.</summary>
public sealed class IngestionScheduleTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "finops-ingestion-schedule", Guid.NewGuid().ToString("N"));

    public IngestionScheduleTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AddIngestionSchedule_ThreeSourcesOneDisabled_OneUtcCronTriggerPerEnabledSource()
    {
        await using var provider = Services(new Dictionary<string, string?>
        {
            ["Ingestion:Sources:0:Name"] = "aws",
            ["Ingestion:Sources:0:Kind"] = "AwsS3",
            ["Ingestion:Sources:0:Location:Bucket"] = "b",
            ["Ingestion:Sources:1:Name"] = "local",
            ["Ingestion:Sources:1:Kind"] = "LocalFolder",
            ["Ingestion:Sources:1:Location:Path"] = _folder,
            ["Ingestion:Sources:1:Schedule"] = "0 15 */6 * * ?",
            ["Ingestion:Sources:2:Name"] = "off",
            ["Ingestion:Sources:2:Kind"] = "LocalFolder",
            ["Ingestion:Sources:2:Location:Path"] = _folder,
            ["Ingestion:Sources:2:Enabled"] = "false",
        });

        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var aws = Assert.IsAssignableFrom<ICronTrigger>(Assert.Single(await scheduler.GetTriggersOfJob(IngestionSyncJob.KeyFor("aws"))));
        var local = Assert.IsAssignableFrom<ICronTrigger>(Assert.Single(await scheduler.GetTriggersOfJob(IngestionSyncJob.KeyFor("local"))));

        Assert.Equal(("0 0 * * * ?", TimeZoneInfo.Utc.Id), (aws.CronExpressionString, aws.TimeZone.Id));
        Assert.Equal("0 15 */6 * * ?", local.CronExpressionString);
        Assert.Null(await scheduler.GetJobDetail(IngestionSyncJob.KeyFor("off")));
    }

    [Fact]
    public async Task Scheduler_SourceJobTriggered_SyncsThatSource()
    {
        var exports = Path.Combine(_folder, "exports");
        var writer = new AwsExportWriter("bucket", "focus", "cost-export", async (key, bytes) =>
        {
            var path = Path.Combine(exports, key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes);
        });
        await writer.DeliverAsync("2026-01", "exec-7", AwsExportWriter.Gzip(AwsExportWriter.Rows("2026-01", 2, 3m, "i-a")));
        await using var provider = Services(new Dictionary<string, string?>
        {
            ["Storage:DatabasePath"] = Path.Combine(_folder, "finops.db"),
            ["Ingestion:Sources:0:Name"] = "local",
            ["Ingestion:Sources:0:Kind"] = "LocalFolder",
            ["Ingestion:Sources:0:Location:Path"] = exports,
        });
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var done = new TaskCompletionSource<JobExecutionException?>(TaskCreationOptions.RunContinuationsAsynchronously);
        scheduler.ListenerManager.AddJobListener(new DoneListener(done), [Matchers.Key(IngestionSyncJob.KeyFor("local"))]);
        await scheduler.Start(CancellationToken.None);
        try
        {
            await scheduler.TriggerJob(IngestionSyncJob.KeyFor("local"), CancellationToken.None);
            Assert.Null(await done.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            await scheduler.Shutdown(true, CancellationToken.None);
        }

        var status = Assert.Single(await provider.GetRequiredService<IngestionSync>().GetStatusAsync(CancellationToken.None));
        Assert.Equal(("ok", "exec-7"), (status.Status, status.LastRunId));
    }

    [Fact]
    public async Task AddIngestionSchedule_ScheduleNotCron_FailsAtStartNamingTheSetting()
    {
        await using var provider = Services(new Dictionary<string, string?>
        {
            ["Ingestion:Sources:0:Name"] = "local",
            ["Ingestion:Sources:0:Kind"] = "LocalFolder",
            ["Ingestion:Sources:0:Location:Path"] = _folder,
            ["Ingestion:Sources:0:Schedule"] = "hourly",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<IngestionOptions>>().Value);

        Assert.Equal("Ingestion:Sources:0:Schedule 'hourly' is not a valid Quartz cron expression (source 'local').", Assert.Single(error.Failures));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<IFocusFileReader, FocusFileReader>();
        services.AddStorage(configuration);
        services.AddIngestion();
        services.AddIngestionSchedule(configuration);
        return services.BuildServiceProvider();
    }

    private sealed class DoneListener(TaskCompletionSource<JobExecutionException?> done) : IJobListener
    {
        public string Name => "ingestion-done";

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask JobProgressChanged(IJobExecutionContext context, Quartz.Extensibility.FireInstanceProgress progress, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken)
        {
            done.TrySetResult(jobException);
            return ValueTask.CompletedTask;
        }
    }
}
