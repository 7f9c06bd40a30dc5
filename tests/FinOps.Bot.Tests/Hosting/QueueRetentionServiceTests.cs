using FinOps.Bot.Hosting;
using FinOps.Core.Reliability;
using FinOps.Storage;
using FinOps.Storage.Queue;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Bot.Tests.Hosting;

public sealed class QueueRetentionServiceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "finops-retention-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly List<ServiceProvider> _providers = [];

    public QueueRetentionServiceTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task PurgeAsync_ConfiguredAges_SentAndDeadPurgedOnlyPastTheirAge()
    {
        var services = Build(new() { ["Queue:Retention:Sent"] = "2.00:00:00", ["Queue:Retention:Dead"] = "5.00:00:00" });
        var outbox = services.GetRequiredService<IWorkQueue>();
        var retention = services.GetRequiredService<QueueRetentionService>();
        await outbox.EnqueueAsync("slack", "sent", "{}", default);
        await outbox.EnqueueAsync("slack", "dead", "{}", default);
        await outbox.EnqueueAsync("slack", "pending", "{}", default);
        var ids = (await outbox.GetDueAsync("slack", 10, default)).ToDictionary(m => m.IdempotencyKey, m => m.Id);
        await outbox.MarkSentAsync(ids["sent"], "C1:1.1", default);
        await outbox.MarkFailedAsync(ids["dead"], "channel_not_found", null, default);
        await outbox.MarkFailedAsync(ids["pending"], "http_503", _clock.GetUtcNow().AddDays(30), default);

        _clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await retention.PurgeAsync(default));

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await retention.PurgeAsync(default));
        Assert.Equal(1, await outbox.CountDeadLettersAsync(default));

        _clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await retention.PurgeAsync(default));
        Assert.Equal(0, await outbox.CountDeadLettersAsync(default));
        Assert.False(await outbox.EnqueueAsync("slack", "pending", "{}", default));
    }

    [Fact]
    public void Options_Unset_FourteenDaysSentThirtyDead()
    {
        var options = Build([]).GetRequiredService<IOptions<QueueRetentionOptions>>().Value;

        Assert.Equal(TimeSpan.FromDays(14), options.Sent);
        Assert.Equal(TimeSpan.FromDays(30), options.Dead);
    }

    [Theory]
    [InlineData("Sent", "00:00:00")]
    [InlineData("Dead", "-1.00:00:00")]
    [InlineData("PurgeInterval", "00:00:00")]
    public void Options_NotPositive_RejectedNamingTheSetting(string key, string value)
    {
        var services = Build(new() { ["Queue:Retention:" + key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<QueueRetentionOptions>>().Value);
        Assert.Contains("Queue:Retention:" + key, ex.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["Storage:DatabasePath"] = Path.Combine(_folder, "finops.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(_clock);
        services.AddStorage(configuration);
        services.AddSingleton<QueueRetentionService>();
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }
}
