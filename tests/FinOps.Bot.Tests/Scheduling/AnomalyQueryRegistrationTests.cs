using FinOps.Bot.Scheduling;
using FinOps.Conversation;
using FinOps.Conversation.Messaging;
using FinOps.Core.Anomalies;
using FinOps.Core.Digests;
using FinOps.Core.Query;
using FinOps.Core.Tests.Anomalies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Bot.Tests.Scheduling;

/// <summary>The host's anomaly questions and digests replay as many run dates as the alert job (<c>AnomalyAlerts:ReplayDays</c>).</summary>
public sealed class AnomalyQueryRegistrationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddAnomalyAlerts_AnyOrderWithConversation_QueriesAndDigestsUseTheAlertReplayDays(bool alertsFirst)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AnomalyAlerts:ReplayDays"] = "20", ["AnomalyAlerts:Enabled"] = "false" })
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ICostQueryService>(new PlantedAnomalyCosts(900m));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 9, 8, 0, 0, TimeSpan.Zero)));
        if (alertsFirst)
        {
            services.AddAnomalyAlerts(configuration);
        }

        services.AddConversation(configuration);
        services.AddScheduling(configuration);
        if (!alertsFirst)
        {
            services.AddAnomalyAlerts(configuration);
        }

        await using var provider = services.BuildServiceProvider();

        Assert.Equal(20, provider.GetRequiredService<AnomalyQueryService>().ReplayDays);
        Assert.Contains(provider.GetServices<IConversationCommand>(), c => c is FinOps.Conversation.Anomalies.AnomalyQuestionCommand);
        var digest = await provider.GetRequiredService<WeeklyDigestBuilder>().BuildAsync("payments", "Payments", CancellationToken.None);
        Assert.Equal(PlantedAnomalyCosts.SpikeStart, Assert.Single(digest.OpenAnomalies).Start);
    }
}
