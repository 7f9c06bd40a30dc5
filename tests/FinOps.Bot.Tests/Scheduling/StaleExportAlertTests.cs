using System.Globalization;
using FinOps.Bot.Scheduling;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Freshness;
using FinOps.Conversation.Messaging;
using FinOps.Core.Allocation;
using FinOps.Core.Ingestion;
using FinOps.Core.People;
using FinOps.Slack;
using FinOps.Storage;
using FinOps.Storage.Ingestion;
using FinOps.Storage.Tests.Ingestion;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Quartz;

namespace FinOps.Bot.Tests.Scheduling;

/// <summary>Issue 17: an export that stops delivering alerts the admins once per staleness episode, across restarts, from the ingestion job.</summary>
public sealed class StaleExportAlertTests : IDisposable
{
    private const string CompanyRules = """
        version: 1
        roles:
          admin:
            - email: ada@corp.example
              slack: U0ADA0001
            - email: root@corp.example
        teams:
          - key: payments
            owners:
              - email: pat@corp.example
                slack: U0PAT0001
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("finops-stale-alerts-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 4, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordingSender _playground = new("playground");
    private readonly RecordingSender _slack = new("slack");

    private string Exports => Path.Combine(_folder, "exports");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task IngestionJob_ExportStopsRecoversAndStopsAgainAcrossARestart_EachAdminAlertedOncePerEpisode()
    {
        var export = new AwsExportWriter("bucket", "focus", "cur", WriteAsync);
        await export.DeliverAsync("2026-03", "exec-1", AwsExportWriter.Gzip(AwsExportWriter.Rows("2026-03", 3, 2m, "i-a")));
        var firstDelivery = _clock.GetUtcNow();

        await using (var first = Services())
        {
            Assert.Equal(0, await RunJobAsync(first));
            _clock.Advance(TimeSpan.FromHours(25));
            Assert.Equal(3, await RunJobAsync(first));
            _clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(0, await RunJobAsync(first));
        }

        // A new process over the same database file: still stale, nothing sent again.
        await using (var second = Services())
        {
            _clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(0, await RunJobAsync(second));

            // The export delivers again (recovered), then stops again: one more alert to each admin.
            await export.DeliverAsync("2026-03", "exec-2", AwsExportWriter.Gzip(AwsExportWriter.Rows("2026-03", 4, 2m, "i-a")));
            var secondDelivery = _clock.GetUtcNow();
            Assert.Equal(0, await RunJobAsync(second));
            _clock.Advance(TimeSpan.FromHours(25));
            Assert.Equal(3, await RunJobAsync(second));
            Assert.Equal(0, await RunJobAsync(second));

            var keys = _playground.Sent.Concat(_slack.Sent).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(
                [
                    StaleExportAlertPublisher.IdempotencyKey("local", firstDelivery, "playground", "U0ADA0001"),
                    StaleExportAlertPublisher.IdempotencyKey("local", firstDelivery, "playground", "root@corp.example"),
                    StaleExportAlertPublisher.IdempotencyKey("local", firstDelivery, "slack", "U0ADA0001"),
                    StaleExportAlertPublisher.IdempotencyKey("local", secondDelivery, "playground", "U0ADA0001"),
                    StaleExportAlertPublisher.IdempotencyKey("local", secondDelivery, "playground", "root@corp.example"),
                    StaleExportAlertPublisher.IdempotencyKey("local", secondDelivery, "slack", "U0ADA0001"),
                ],
                keys);
        }

        // Admins only: the team owner hears nothing about exports.
        Assert.DoesNotContain(_playground.Sent.Concat(_slack.Sent), s => s.Address.Id.Contains("PAT", StringComparison.OrdinalIgnoreCase));
        var card = _slack.Sent[0].Card;
        Assert.Equal(StaleExportCardComposer.CardKind, card.Kind);
        Assert.StartsWith("Cost export overdue: local. Ingestion source local has delivered nothing new since Mar 4, 2026 08:00 UTC; it is expected to deliver at least every day.", card.FallbackText, StringComparison.Ordinal);
        Assert.Contains(card.Blocks.OfType<FactsBlock>().Single().Facts, f => f.Label == "AWS 111122223333" && f.Value == "complete through 2026-03-02");
    }

    [Fact]
    public async Task Publish_SendFails_ReleasedAndSentOnTheNextRun()
    {
        var export = new AwsExportWriter("bucket", "focus", "cur", WriteAsync);
        await export.DeliverAsync("2026-03", "exec-1", AwsExportWriter.Gzip(AwsExportWriter.Rows("2026-03", 3, 2m, "i-a")));
        await using var services = Services();
        await RunJobAsync(services);
        _clock.Advance(TimeSpan.FromHours(25));
        _slack.FailuresLeft = 1;

        Assert.Equal(2, await RunJobAsync(services));
        Assert.Equal(1, await RunJobAsync(services));
        Assert.Equal(0, await RunJobAsync(services));
        Assert.Single(_slack.Sent);
    }

    private async Task<int> RunJobAsync(ServiceProvider services)
    {
        var before = _playground.Sent.Count + _slack.Sent.Count;
        using var scope = services.CreateScope();
        var job = ActivatorUtilities.CreateInstance<IngestionSyncJob>(scope.ServiceProvider);
        var context = new Mock<IJobExecutionContext>();
        context.Setup(c => c.MergedJobDataMap).Returns(new JobDataMap { [IngestionSyncJob.SourceKey] = "local" });
        await job.Execute(context.Object, CancellationToken.None);
        return _playground.Sent.Count + _slack.Sent.Count - before;
    }

    private async Task WriteAsync(string key, byte[] content)
    {
        var path = Path.Combine(Exports, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content);
    }

    private ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:DatabasePath"] = Path.Combine(_folder, "finops.db"),
                ["Slack:BotToken"] = "xoxb-test",
                ["Ingestion:Sources:0:Name"] = "local",
                ["Ingestion:Sources:0:Kind"] = "LocalFolder",
                ["Ingestion:Sources:0:Location:Path"] = Exports,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IFocusFileReader, FocusFileReader>();
        services.AddStorage(configuration);
        services.AddIngestion();
        services.AddSingleton(new AllocationRuleSource(AllocationRulesParser.Parse(CompanyRules, "allocation.yaml")));
        services.AddSingleton<DirectorySource>();
        services.AddSingleton<IProactiveSender>(_playground);
        services.AddSingleton<IProactiveSender>(_slack);
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName);
        services.AddStaleExportAlerts();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
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
}
