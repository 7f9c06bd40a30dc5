using System.Collections.Concurrent;
using FinOps.Bot.Scheduling;
using FinOps.Storage;
using FinOps.Storage.Data;
using FinOps.Storage.Queue;
using FinOps.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace FinOps.Bot.Tests.Scheduling;

/// <summary>
/// Quartz's clustered job store on the throwaway PostgreSQL cluster: schedulers built exactly as a replica builds them
/// (<see cref="QuartzStoreServiceCollectionExtensions.AddClusteredQuartzStore"/>), two of them on one database.
/// </summary>
public sealed class ClusteredQuartzStoreTests : IDisposable
{
    // Short check-ins so a test takes seconds; a replica's defaults are in SchedulerClusterOptions.
    private static readonly SchedulerClusterOptions FastCluster = new()
    {
        CheckinInterval = TimeSpan.FromSeconds(1),
        CheckinMisfireThreshold = TimeSpan.FromSeconds(2),
        MisfireThreshold = TimeSpan.FromSeconds(1),
    };

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _connectionString = PostgreSqlCluster.Shared.CreateDatabase();
    private readonly string _run = Guid.NewGuid().ToString("N");
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        CountingJob.Forget(_run);
        PostgreSqlCluster.Shared.DropDatabase(_connectionString);
    }

    [Fact]
    public async Task MigrateAsync_PostgreSql_CreatesQuartzTables_SecondRunAppliesNothing()
    {
        var applied = await MigrateAsync();
        var again = await MigrateAsync();

        Assert.Contains(applied, m => m.StartsWith("cost: ", StringComparison.Ordinal) && m.EndsWith("_PgQuartzTables", StringComparison.Ordinal));
        Assert.Empty(again);
        var tables = await ScalarsAsync("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'qrtz%' ORDER BY 1");
        Assert.Equal(
            ["qrtz_blob_triggers", "qrtz_calendars", "qrtz_cron_triggers", "qrtz_execution_history", "qrtz_fired_triggers", "qrtz_job_details",
             "qrtz_job_status", "qrtz_locks", "qrtz_misfire_history", "qrtz_paused_job_grps", "qrtz_paused_trigger_grps", "qrtz_scheduler_state",
             "qrtz_simple_triggers", "qrtz_simprop_triggers", "qrtz_triggers"],
            tables);
    }

    [Fact]
    public async Task Start_TwoClusteredSchedulersSameTriggersDueNow_EachJobRunsOnceAcrossBoth()
    {
        await MigrateAsync();
        var keys = Enumerable.Range(0, 8).Select(i => new TriggerKey($"due-now-{i}", "test")).ToArray();
        var first = Scheduler(q => AddDueNow(q, keys));
        var second = Scheduler(q => AddDueNow(q, keys));

        // Both replicas register the same job and triggers (the second finds them stored), then both run.
        var schedulers = await Task.WhenAll(SchedulerOf(first), SchedulerOf(second));
        await Task.WhenAll(schedulers.Select(s => s.Start(CancellationToken.None).AsTask()));
        await WaitUntilAsync("every due trigger fired and gone from both schedulers", async () => (await Task.WhenAll(schedulers.Select(s => AllGoneAsync(s, keys)))).All(gone => gone));
        await Task.WhenAll(schedulers.Select(s => s.Shutdown(true, CancellationToken.None).AsTask()));

        Assert.NotEqual(schedulers[0].SchedulerInstanceId, schedulers[1].SchedulerInstanceId);
        Assert.All(schedulers, s => Assert.Equal(QuartzStoreServiceCollectionExtensions.SchedulerName, s.SchedulerName));
        Assert.All(keys, k => Assert.Equal(1, CountingJob.Runs(_run, k.Name)));
    }

    [Fact]
    public async Task Start_DigestFiringMissedWhileNoSchedulerRan_FiresOnceLate_ThenKeepsWeeklySchedule()
    {
        await MigrateAsync();
        var key = new TriggerKey("weekly", "test");
        // The first replica stores the weekly trigger and stops before its firing (never started: standby only).
        var stored = await SchedulerOf(Scheduler(q => AddWeekly(q, key)));
        await stored.Shutdown(false, CancellationToken.None);
        // Every replica stays down for four weeks: the stored next firing is now three weeks and more in the past.
        var scheduled = await NextFireTimeAsync(key);
        var missed = scheduled - TimeSpan.FromDays(28);
        await ExecuteAsync("UPDATE qrtz_triggers SET next_fire_time = @t WHERE trigger_name = @n", missed.UtcTicks, key.Name);

        // A replica comes back, registering the same trigger as every start does.
        var back = await StartAsync(Scheduler(q => AddWeekly(q, key)));
        await WaitUntilAsync("the missed weekly firing ran and the next one is ahead", async () => CountingJob.Runs(_run, key.Name) > 0 && await NextFireTimeAsync(key) > TimeProvider.System.GetUtcNow());
        await back.Shutdown(true, CancellationToken.None);

        Assert.Equal(1, CountingJob.Runs(_run, key.Name));
        var next = await NextFireTimeAsync(key);
        Assert.Equal(DayOfWeek.Monday, next.DayOfWeek);
        Assert.InRange(next - TimeProvider.System.GetUtcNow(), TimeSpan.Zero, TimeSpan.FromDays(7));
    }

    [Fact]
    public async Task AddQuartzStore_Sqlite_KeepsInMemoryStore()
    {
        using var provider = Host(new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite" });

        var metadata = await (await SchedulerOf(provider)).GetMetadata(CancellationToken.None);

        Assert.False(metadata.JobStorePersistent);
        Assert.False(metadata.JobStoreClustered);
    }

    [Fact]
    public async Task AddQuartzStore_PostgreSql_SchedulesClusteredInTheDatabase()
    {
        await MigrateAsync();
        using var provider = Host(new Dictionary<string, string?> { ["Storage:Provider"] = "PostgreSql", ["Storage:ConnectionString"] = _connectionString });

        var scheduler = await SchedulerOf(provider);
        var metadata = await scheduler.GetMetadata(CancellationToken.None);
        await scheduler.Shutdown(false, CancellationToken.None);

        Assert.True(metadata.JobStorePersistent);
        Assert.True(metadata.JobStoreClustered);
        Assert.Equal(QuartzStoreServiceCollectionExtensions.SchedulerName, metadata.SchedulerName);
    }

    [Fact]
    public void AddQuartzStore_PostgreSqlWithZeroCheckinInterval_ValidationNamesSetting()
    {
        using var provider = Host(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = _connectionString,
            ["SchedulerCluster:CheckinInterval"] = "00:00:00",
        });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SchedulerClusterOptions>>().Value);

        Assert.Contains("SchedulerCluster:CheckinInterval '00:00:00'", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Host(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddQuartzStore(configuration);
        services.AddQuartz(_ => { });
        return services.BuildServiceProvider();
    }

    private void AddDueNow(IQuartzBuilder q, IEnumerable<TriggerKey> keys)
    {
        var job = new JobKey("counting", "test");
        q.AddJob<CountingJob>(j => j.WithIdentity(job).StoreDurably().UsingJobData(CountingJob.RunKey, _run));
        foreach (var key in keys)
        {
            q.AddTrigger(t => t.ForJob(job).WithIdentity(key).StartNow());
        }
    }

    private void AddWeekly(IQuartzBuilder q, TriggerKey key)
    {
        var job = new JobKey("weekly-counting", "test");
        q.AddJob<CountingJob>(j => j.WithIdentity(job).UsingJobData(CountingJob.RunKey, _run));
        // The weekly digest's own schedule and misfire instruction.
        q.AddTrigger(t => t
            .ForJob(job)
            .WithIdentity(key)
            .WithCronSchedule("0 0 9 ? * MON", c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(SchedulingServiceCollectionExtensions.DigestMisfire)));
    }

    private ServiceProvider Scheduler(Action<IQuartzBuilder> jobs)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddClusteredQuartzStore(_connectionString, FastCluster);
        services.AddQuartz(jobs);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    private static Task<IScheduler> SchedulerOf(ServiceProvider provider) =>
        provider.GetRequiredService<ISchedulerFactory>().GetScheduler(CancellationToken.None).AsTask();

    private static async Task<IScheduler> StartAsync(ServiceProvider provider)
    {
        var scheduler = await SchedulerOf(provider);
        await scheduler.Start(CancellationToken.None);
        return scheduler;
    }

    private static async Task<bool> AllGoneAsync(IScheduler scheduler, IEnumerable<TriggerKey> keys)
    {
        foreach (var key in keys)
        {
            if (await scheduler.GetTriggerState(key, CancellationToken.None) != TriggerState.None)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task WaitUntilAsync(string what, Func<Task<bool>> condition)
    {
        // A real scheduler on a real database: polled, bounded, never a fixed sleep that decides the outcome.
        var deadline = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(deadline) > Patience)
            {
                Assert.Fail($"Not within {Patience.TotalSeconds:0} s: {what}.");
            }

            await Task.Delay(100);
        }
    }

    private Task<IReadOnlyList<string>> MigrateAsync()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = _connectionString });
        return MigrateWithAsync(options);
    }

    private static async Task<IReadOnlyList<string>> MigrateWithAsync(Microsoft.Extensions.Options.IOptions<StorageOptions> options)
    {
        using var costs = new CostDatabase(options);
        using var queues = new QueueDatabase(options, TimeProvider.System);
        return await new StoreMigrator(costs, queues).MigrateAsync(CancellationToken.None);
    }

    private async Task<DateTimeOffset> NextFireTimeAsync(TriggerKey key)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT next_fire_time FROM qrtz_triggers WHERE trigger_name = @n", connection);
        command.Parameters.AddWithValue("n", key.Name);
        var ticks = (long)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"Trigger {key} is not stored."));
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    private async Task ExecuteAsync(string sql, long time, string name)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", time);
        command.Parameters.AddWithValue("n", name);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task<List<string>> ScalarsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>Counts its runs per test run and trigger, across every scheduler of the process.</summary>
    [DisallowConcurrentExecution]
    public sealed class CountingJob : IJob
    {
        public const string RunKey = "run";

        private static readonly ConcurrentDictionary<string, int> Counts = new(StringComparer.Ordinal);

        public static int Runs(string run, string trigger) => Counts.GetValueOrDefault(run + "/" + trigger);

        public static void Forget(string run)
        {
            foreach (var key in Counts.Keys.Where(k => k.StartsWith(run + "/", StringComparison.Ordinal)))
            {
                Counts.TryRemove(key, out _);
            }
        }

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(context);
            var run = context.MergedJobDataMap.GetString(RunKey);
            Counts.AddOrUpdate(run + "/" + context.Trigger.Key.Name, 1, (_, n) => n + 1);
            return ValueTask.CompletedTask;
        }
    }
}
