using System.Globalization;
using FinOps.Bot.Scheduling;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Digests;
using FinOps.Conversation.Messaging;
using FinOps.Core.Digests;
using FinOps.Core.Query;
using FinOps.Core.Reliability;
using FinOps.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Quartz;

namespace FinOps.Bot.Tests.Scheduling;

public sealed class WeeklyDigestJobTests
{
    // Monday 23 November 2026, 09:00 UTC: the digest week is 16 to 22 November.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingSender _playground = new("playground");
    private readonly RecordingSender _slack = new("slack");
    private readonly InMemoryIdempotencyStore _idempotency;

    public WeeklyDigestJobTests()
    {
        _idempotency = new InMemoryIdempotencyStore(_clock);
    }

    [Fact]
    public async Task Execute_Twice_SendsOncePerTeamChannelAndAddress()
    {
        using var services = Services();

        await RunJobAsync(services);
        await RunJobAsync(services);

        Assert.Equal(
            ["digest:payments:2026-11-16:playground:U0PAY1", "digest:payments:2026-11-16:playground:U0PAY2", "digest:search:2026-11-16:playground:U0SEA1"],
            _playground.Sent.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["digest:payments:2026-11-16:slack:C05PAYMENTS", "digest:search:2026-11-16:slack:C05SEARCH01"],
            _slack.Sent.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.All(_playground.Sent.Concat(_slack.Sent), s => Assert.Equal(DigestCardComposer.CardKind, s.Card.Kind));
    }

    [Fact]
    public async Task Execute_AfterRestartWithSameStore_SendsNothingAgain()
    {
        using (var first = Services())
        {
            await RunJobAsync(first);
        }

        using var second = Services();
        await RunJobAsync(second);

        Assert.Equal(3, _playground.Sent.Count);
        Assert.Equal(2, _slack.Sent.Count);
    }

    [Fact]
    public async Task Execute_TeamWithoutSpend_SendsNothingForIt()
    {
        using var services = Services();

        await RunJobAsync(services);

        Assert.DoesNotContain(_playground.Sent.Concat(_slack.Sent), s => s.Key.StartsWith("digest:growth:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Execute_SendFailed_RetriedOnNextRunOnly()
    {
        _slack.FailuresLeft = 1;
        using var services = Services();

        await RunJobAsync(services);
        Assert.Single(_slack.Sent);

        await RunJobAsync(services);
        await RunJobAsync(services);

        Assert.Equal(2, _slack.Sent.Count);
        Assert.Equal(2, _slack.Sent.Select(s => s.Key).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Execute_NextWeek_SendsTheNewWeek()
    {
        using var services = Services();
        await RunJobAsync(services);

        _clock.Advance(TimeSpan.FromDays(7));
        await RunJobAsync(services);

        Assert.Equal(6, _playground.Sent.Count);
        Assert.Contains(_playground.Sent, s => s.Key == "digest:payments:2026-11-23:playground:U0PAY1");
    }

    [Fact]
    public async Task Execute_SlackNotConfigured_OnlyPlayground()
    {
        using var services = Services(slackToken: null);

        await RunJobAsync(services);

        Assert.Empty(_slack.Sent);
        Assert.Equal(3, _playground.Sent.Count);
    }

    [Fact]
    public void AddScheduling_Defaults_MondayNineUtcAndEnabled()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddScheduling(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<DigestOptions>>().Value;

        Assert.True(options.Enabled);
        Assert.Equal("0 0 9 ? * MON", options.WeeklyCron);
        var cron = new CronExpression(options.WeeklyCron, TimeZoneInfo.Utc);
        Assert.Equal(
            new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero),
            cron.GetNextValidTimeAfter(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task AddScheduling_Enabled_QuartzHasTheWeeklyTriggerInUtc()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Digests:WeeklyCron"] = "0 30 7 ? * TUE" })
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddScheduling(configuration);
        await using var provider = services.BuildServiceProvider();

        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = Assert.IsAssignableFrom<ICronTrigger>(Assert.Single(await scheduler.GetTriggersOfJob(WeeklyDigestJob.Key)));

        Assert.Equal("0 30 7 ? * TUE", trigger.CronExpressionString);
        Assert.Equal(TimeZoneInfo.Utc.Id, trigger.TimeZone.Id);
    }

    [Fact]
    public async Task Scheduler_TriggeredTwice_JobRunsInItsScopeAndSendsOnce()
    {
        await using var services = Services(validateScopes: true);
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var listener = new CompletionListener(expected: 2);
        scheduler.ListenerManager.AddJobListener(listener, [Matchers.Key(WeeklyDigestJob.Key)]);
        await scheduler.Start(CancellationToken.None);
        try
        {
            await scheduler.TriggerJob(WeeklyDigestJob.Key, new JobDataMap(), CancellationToken.None);
            await scheduler.TriggerJob(WeeklyDigestJob.Key, new JobDataMap(), CancellationToken.None);
            await listener.Done.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            await scheduler.Shutdown(true, CancellationToken.None);
        }

        Assert.Empty(listener.Failures);
        Assert.Equal(3, _playground.Sent.Count);
        Assert.Equal(2, _slack.Sent.Count);
    }

    [Fact]
    public void AddScheduling_Disabled_NoQuartzButCommandStillRegistered()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Digests:Enabled"] = "false" })
            .Build();
        services.AddScheduling(configuration);

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(ISchedulerFactory));
        Assert.Contains(services, d => d.ServiceType == typeof(IConversationCommand) && d.ImplementationType == typeof(WeeklyDigestCommand));
    }

    [Fact]
    public void AddScheduling_BadCron_FailsValidation()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Digests:WeeklyCron"] = "every monday", ["Digests:Enabled"] = "false" })
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddScheduling(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DigestOptions>>().Value);
    }

    // Monday before and after each 2026 daylight-saving change, 09:00 local, as UTC instants.
    [Theory]
    [InlineData("Europe/Berlin", "2026-03-22", "2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z")]
    [InlineData("Europe/Berlin", "2026-10-18", "2026-10-19T07:00:00Z", "2026-10-26T08:00:00Z")]
    [InlineData("America/New_York", "2026-03-01", "2026-03-02T14:00:00Z", "2026-03-09T13:00:00Z")]
    [InlineData("America/New_York", "2026-10-25", "2026-10-26T13:00:00Z", "2026-11-02T14:00:00Z")]
    public async Task AddScheduling_TimeZoneAcrossDaylightSavingChange_FiresAtNineLocalOnBothMondays(string zone, string from, string first, string second)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Digests:TimeZone"] = zone })
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddScheduling(configuration);
        await using var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var registered = Assert.IsAssignableFrom<ICronTrigger>(Assert.Single(await scheduler.GetTriggersOfJob(WeeklyDigestJob.Key)));

        var fires = FireTimes(registered, DateTimeOffset.Parse(from + "T00:00:00Z", CultureInfo.InvariantCulture), 2);

        Assert.Equal(zone, registered.TimeZone.Id);
        Assert.Equal([DateTimeOffset.Parse(first, CultureInfo.InvariantCulture), DateTimeOffset.Parse(second, CultureInfo.InvariantCulture)], fires);
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        Assert.All(fires, f => Assert.Equal(new TimeSpan(9, 0, 0), TimeZoneInfo.ConvertTime(f, tz).TimeOfDay));
        Assert.NotEqual(TimeZoneInfo.ConvertTime(fires[0], tz).Offset, TimeZoneInfo.ConvertTime(fires[1], tz).Offset);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("CEST+1")]
    public void AddScheduling_UnknownTimeZone_ErrorNamesSettingAndValue(string zone)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Digests:TimeZone"] = zone, ["Digests:Enabled"] = "false" })
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddScheduling(configuration);
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DigestOptions>>().Value);

        Assert.Contains($"Digests:TimeZone '{zone}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamZoneTriggers_TeamWithOwnZone_SecondTriggerInThatZoneSendsOnlyThatTeam()
    {
        await using var services = Services(defaultZone: "Europe/Berlin", searchZone: "America/New_York");
        var hosted = ActivatorUtilities.CreateInstance<TeamZoneDigestTriggers>(services);
        await hosted.StartAsync(CancellationToken.None);
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var triggers = (await scheduler.GetTriggersOfJob(WeeklyDigestJob.Key)).Cast<ICronTrigger>().ToList();
        var newYork = Assert.Single(triggers, t => t.JobDataMap.GetString(WeeklyDigestJob.TimeZoneKey) == "America/New_York");
        Assert.Equal("America/New_York", newYork.TimeZone.Id);
        Assert.Equal(
            [DateTimeOffset.Parse("2026-03-02T14:00:00Z", CultureInfo.InvariantCulture), DateTimeOffset.Parse("2026-03-09T13:00:00Z", CultureInfo.InvariantCulture)],
            FireTimes(newYork, DateTimeOffset.Parse("2026-03-01T00:00:00Z", CultureInfo.InvariantCulture), 2));
        Assert.Equal(["Europe/Berlin", "America/New_York"], triggers.Select(t => t.TimeZone.Id).Order(StringComparer.Ordinal).Reverse());

        await RunJobAsync(services, "America/New_York");
        Assert.Equal(["digest:search:2026-11-16:slack:C05SEARCH01"], _slack.Sent.Select(s => s.Key));

        await RunJobAsync(services);
        Assert.Equal(2, _slack.Sent.Count);
        Assert.Contains(_slack.Sent, s => s.Key == "digest:payments:2026-11-16:slack:C05PAYMENTS");
    }

    // The registered trigger's own schedule (cron and zone), started at the given time: its stored start time is the
    // wall clock, which would skip the 2026 dates.
    private static List<DateTimeOffset> FireTimes(ITrigger registered, DateTimeOffset from, int count)
    {
        var trigger = registered.GetTriggerBuilder().StartAt(from).Build();
        var fires = new List<DateTimeOffset>();
        DateTimeOffset? after = from;
        while (fires.Count < count && trigger.GetFireTimeAfter(after) is { } next)
        {
            fires.Add(next);
            after = next;
        }

        return fires;
    }

    private static async Task RunJobAsync(ServiceProvider services, string? zone = null)
    {
        using var scope = services.CreateScope();
        var job = ActivatorUtilities.CreateInstance<WeeklyDigestJob>(scope.ServiceProvider);
        var context = new Mock<IJobExecutionContext>();
        var data = new JobDataMap();
        if (zone is not null)
        {
            data[WeeklyDigestJob.TimeZoneKey] = zone;
        }

        context.Setup(c => c.MergedJobDataMap).Returns(data);
        await job.Execute(context.Object, CancellationToken.None);
    }

    private ServiceProvider Services(string? slackToken = "xoxb-test", bool validateScopes = false, string? defaultZone = null, string? searchZone = null)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Slack:BotToken"] = slackToken })
            .AddInMemoryCollection(defaultZone is null ? [] : new Dictionary<string, string?> { ["Digests:TimeZone"] = defaultZone })
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IIdempotencyStore>(_idempotency);
        services.AddSingleton<ICostQueryService>(new EngineQueryService(Cube()));
        services.AddSingleton<ITeamDirectory>(new FixedDirectory(searchZone));
        services.AddSingleton<IProactiveSender>(_playground);
        services.AddSingleton<IProactiveSender>(_slack);
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName);
        services.AddScheduling(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = validateScopes });
    }

    private static CostQueryEngine Cube()
    {
        var b = new CostCubeBuilder();
        foreach (var (date, team, cost) in new[] { ("2026-11-10", "payments", 40m), ("2026-11-17", "payments", 70m), ("2026-11-18", "search", 500m), ("2026-11-24", "payments", 5m) })
        {
            b.Add(new CostCubeFact(
                DateOnly.Parse(date, CultureInfo.InvariantCulture),
                b.AddCurrency("USD"),
                b.AddTagSet(new Dictionary<string, string> { ["team"] = team }),
                b.AddValue(DimensionKind.Provider, "AWS"),
                b.AddValue(DimensionKind.Service, "EC2"),
                b.AddValue(DimensionKind.Category, "Compute"),
                b.AddValue(DimensionKind.Region, "us-east-1"),
                b.AddValue(DimensionKind.Account, "acct"),
                b.AddValue(DimensionKind.BillingAccount, "billing"),
                b.AddValue(DimensionKind.Resource, "i-" + team),
                b.AddValue(DimensionKind.ChargeCategory, "Usage"),
                b.AddValue(DimensionKind.PricingCategory, "Standard"),
                cost,
                cost,
                cost,
                cost));
        }

        return new CostQueryEngine(b.Build(), new TagTeamAssignment());
    }

    private sealed class CompletionListener(int expected) : IJobListener
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public string Name => "test-completion";

        public Task Done => _done.Task;

        public List<Exception> Failures { get; } = [];

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask JobProgressChanged(IJobExecutionContext context, Quartz.Extensibility.FireInstanceProgress progress, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken)
        {
            lock (Failures)
            {
                if (jobException is not null)
                {
                    Failures.Add(jobException);
                }

                if (++_count == expected)
                {
                    _done.TrySetResult();
                }
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class FixedDirectory(string? searchZone = null) : ITeamDirectory
    {
        private readonly IReadOnlyList<DigestTeam> _teams =
        [
            new("payments", "Payments", [new("U0PAY1", "a@example.com", null), new("U0PAY2", "b@example.com", null)], new TeamChannels("C05PAYMENTS", "Cost - Payments")),
            new("search", "Search", [new("U0SEA1", "c@example.com", null)], new TeamChannels("C05SEARCH01", null)) { TimeZone = searchZone },
            new("growth", "Growth", [new("U0GRO1", "d@example.com", null)], new TeamChannels("C05GROWTH01", null)),
        ];

        public Task<IReadOnlyList<DigestTeam>> GetTeamsAsync(CancellationToken cancellationToken) => Task.FromResult(_teams);
    }

    private sealed class RecordingSender(string channel) : IProactiveSender
    {
        public List<(string Key, ConversationAddress Address, Card Card)> Sent { get; } = [];

        public int FailuresLeft { get; set; }

        public string Channel => channel;

        public Task<SentMessage> SendAsync(ConversationAddress conversation, Card card, string idempotencyKey, CancellationToken cancellationToken)
        {
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new HttpRequestException("platform down");
            }

            Sent.Add((idempotencyKey, conversation, card));
            return Task.FromResult(new SentMessage(conversation, "m" + Sent.Count.ToString(CultureInfo.InvariantCulture)));
        }

        public Task UpdateAsync(SentMessage message, Card card, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class EngineQueryService(CostQueryEngine engine) : ICostQueryService
    {
        public Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken) => Task.FromResult(engine.Execute(query));

        public Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken) =>
            Task.FromResult(engine.DimensionValues(dimension));

        public Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken) => Task.FromResult<DataCoverage?>(null);
    }
}
