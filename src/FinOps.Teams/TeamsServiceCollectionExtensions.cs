using FinOps.Core.People;
using System.Net;
using FinOps.Teams.Activities;
using FinOps.Teams.Auth;
using FinOps.Teams.Connector;
using FinOps.Teams.Conversations;
using FinOps.Teams.Delivery;
using FinOps.Core.Reliability;
using FinOps.Teams.People;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Polly;

namespace FinOps.Teams;

public static class TeamsServiceCollectionExtensions
{
    public const string ConnectorResilienceName = "teams-connector";

    /// <summary>
    /// Registers the Teams channel: options (section <c>Teams</c>), inbound authentication, activity
    /// handling, the Bot Connector client with retries and pacing, and the proactive sender. The host
    /// must also register <c>IConversationService</c>, <c>IAdaptiveCardRenderer</c> and <c>IIdempotencyStore</c>,
    /// and may replace the in-memory <see cref="IWorkQueue"/> (slow answers and proactive sends), <see cref="IConversationReferenceStore"/>
    /// and <see cref="ITeamsChannelStore"/> with durable ones.
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.SectionName).ValidateOnStart();
        services.AddOptions<TeamsDeliveryOptions>().BindConfiguration(TeamsDeliveryOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsDeliveryOptions>, TeamsDeliveryOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // The durable work queue; a host with a database registers its own (the in-memory one does not survive a restart).
        services.TryAddSingleton<IWorkQueue>(sp => new InMemoryWorkQueue(sp.GetRequiredService<TimeProvider>()));

        services.AddHttpClient(BotFrameworkAuthenticator.MetadataHttpClientName);
        services.AddHttpClient(MsalHttpClientFactory.HttpClientName);
        services.TryAddSingleton<IMsalHttpClientFactory, MsalHttpClientFactory>();
        services.TryAddSingleton<IBotTokenProvider, MsalBotTokenProvider>();
        services.TryAddSingleton<BotFrameworkAuthenticator>();
        services.TryAddSingleton<TeamsDevelopmentMode>();
        services.TryAddSingleton(_ => new ConnectorRateLimiter(ConnectorPacing.Teams));
        services.TryAddSingleton<IConversationReferenceStore, InMemoryConversationReferenceStore>();
        services.TryAddSingleton<ITeamsChannelStore, InMemoryTeamsChannelStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelIdentityLookup, TeamsIdentityLookup>());

        services.AddHttpClient<BotConnectorClient>()
            .AddResilienceHandler(ConnectorResilienceName, (pipeline, context) =>
            {
                var delivery = context.ServiceProvider.GetRequiredService<IOptions<TeamsDeliveryOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    // Teams throttles with 429 and answers 412/502/504 on transient conflicts and gateway trouble.
                    ShouldHandle = args => ValueTask.FromResult(
                        args.Outcome.Exception is HttpRequestException
                        || args.Outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed
                            or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout),
                    MaxRetryAttempts = 4,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(1),
                    ShouldRetryAfterHeader = true,
                });
                // Long: a post whose answer times out cannot be looked up afterwards, only posted again (see TeamsOutboundDelivery).
                pipeline.AddTimeout(delivery.SendTimeout);
            });

        services.TryAddSingleton<TeamsBackgroundWork>();
        services.AddHostedService(sp => sp.GetRequiredService<TeamsBackgroundWork>());
        services.AddHostedService<TeamsDevelopmentModeNotice>();
        services.TryAddTransient<TeamsOutboundDelivery>();
        services.AddHostedService<TeamsOutboxDispatcher>();
        services.TryAddTransient<TeamsActivityHandler>();
        services.TryAddTransient<TeamsProactiveSender>();
        services.TryAddTransient<TeamsTargetedSender>();
        services.TryAddTransient<ITeamsTargetedSender>(sp => sp.GetRequiredService<TeamsTargetedSender>());
        services.AddTransient<FinOps.Conversation.Messaging.IProactiveSender>(sp => sp.GetRequiredService<TeamsProactiveSender>());
        return services;
    }
}
