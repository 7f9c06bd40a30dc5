using FinOps.Conversation.Messaging;
using FinOps.Slack.BlockKit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Slack.Tests.Infrastructure;

/// <summary>A service provider with AddSlack pointed at a fake Slack, without a web host, for client and sender tests.</summary>
public static class SlackServices
{
    public static ServiceProvider Build(FakeSlackServer slack, FakeTimeProvider clock, Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = "xoxb-test-token",
            ["Slack:ApiBaseUrl"] = slack.ApiUrl.AbsoluteUri,
            ["Slack:PostInterval"] = "00:00:00",
            ["Slack:RetryBaseDelay"] = "00:00:00.001",
            ["Slack:MaxRetryAfter"] = "00:00:00.010",
            ["Slack:MaxRetryAttempts"] = "3",
        };
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddKeyedSingleton(SlackServiceCollectionExtensions.ResilienceTimeProviderKey, TimeProvider.System);
        services.AddSingleton<IConversationService, FakeConversationService>();
        services.AddSingleton<IBlockKitRenderer, FakeBlockKitRenderer>();
        services.AddSlack(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
