using FinOps.Conversation.Answers;
using FinOps.Conversation.Messaging;
using FinOps.Core.Approvals;
using FinOps.Core.Budgets;
using FinOps.Core.People;
using FinOps.Core.Reliability;
using FinOps.Slack.AppHome;
using FinOps.Slack.BlockKit;
using FinOps.Slack.Inbound;
using FinOps.Slack.Installation;
using FinOps.Slack.Outbound;
using FinOps.Slack.People;
using FinOps.Slack.Security;
using FinOps.Slack.SocketMode;
using FinOps.Slack.WebApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace FinOps.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Key of an optional keyed <see cref="TimeProvider"/> for the Web API retry waits; the app's TimeProvider when absent.
    /// Lets tests drive business time with a fake clock while retry waits (a few milliseconds there) run on real time.
    /// </summary>
    public const string ResilienceTimeProviderKey = "FinOps.Slack.Resilience";

    /// <summary>
    /// Registers the Slack adapter: options (section <c>Slack</c>), the Web API client with retries, the inbound
    /// dispatcher with its durable inbox (outbox channel <c>slack-inbound</c>) and workers, the proactive sender with its outbox dispatcher, and Socket Mode when an app token is set.
    /// Needs an <c>IConversationService</c> and an <c>IBlockKitRenderer</c>. In-memory idempotency store, outbox and
    /// installation store are defaults: register durable ones before calling this.
    /// </summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IIdempotencyStore>(sp => new InMemoryIdempotencyStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IWorkQueue>(sp => new InMemoryWorkQueue(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ISlackInstallationStore, InMemorySlackInstallationStore>();
        services.TryAddSingleton<IBlockKitRenderer, BlockKitRenderer>();

        services.TryAddScoped<SlackInstallationResolver>();
        services.TryAddSingleton<SlackPostPacer>();
        services.TryAddSingleton<SlackUserDirectory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelIdentityLookup, SlackIdentityLookup>());
        services.TryAddSingleton<SlackInbox>();
        services.TryAddSingleton<SlackInboundDispatcher>();
        services.TryAddScoped<SlackWorkProcessor>();
        services.TryAddScoped<SlackAppHomeHandler>();
        services.AddOptions<SlackHomeRefreshOptions>().BindConfiguration(SlackHomeRefreshOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackHomeRefreshOptions>, SlackHomeRefreshOptionsValidator>());
        services.TryAddSingleton<ISlackHomeViewers, InMemorySlackHomeViewers>();
        services.TryAddScoped<SlackHomeRefresher>();
        services.TryAddSingleton<SlackHomeRefreshService>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackHomeRefreshService>());
        // The directory and question service come from AddConversation, which a Slack-only host may lack: resolving the
        // work processor must not fail there, so a missing one is reported only when a Home tab is asked for.
        services.TryAddScoped<ISlackHomeSource>(sp => new DirectoryHomeSource(
            sp.GetService<PersonResolver>(),
            sp.GetService<QuestionService>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IBudgetStatusService>(),
            sp.GetService<IApprovalStore>(),
            sp.GetService<ApprovalPolicy>()));
        services.TryAddScoped<SlackOutboundDelivery>();
        services.TryAddScoped<SlackProactiveSender>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IProactiveSender, SlackProactiveSender>());
        services.TryAddTransient<SlackSignatureFilter>();
        services.TryAddTransient<SlackRateLimitedHandler>();

        var http = services.AddHttpClient<SlackApiClient>((sp, client) =>
            {
                var settings = sp.GetRequiredService<IOptions<SlackOptions>>().Value;
                client.BaseAddress = settings.ApiBaseUrl;

                // Attempts have their own timeout in the resilience pipeline; this only bounds a whole call with its retries.
                client.Timeout = Timeout.InfiniteTimeSpan;
            });

        // Order matters: the resilience handler is outermost, so it sees the 429 that the inner handler makes of ok:false ratelimited.
        http.AddResilienceHandler("slack-web-api", ConfigureResilience);
        http.AddHttpMessageHandler<SlackRateLimitedHandler>();

        // The default HttpClient logs write request URLs, and a response_url is a bearer credential for 30 minutes.
        http.RemoveAllLoggers();

        var section = configuration.GetSection(SlackOptions.SectionName);
        bool IsSet(string key) => !string.IsNullOrWhiteSpace(section[key]);
        if (IsSet(nameof(SlackOptions.SigningSecret)) || IsSet(nameof(SlackOptions.AppToken)) || IsSet(nameof(SlackOptions.BotToken)))
        {
            // Without any Slack setting there is nothing to receive or send; no background work polls for it.
            services.AddHostedService<SlackWorker>();
            services.AddHostedService<SlackOutboxDispatcher>();
        }

        if (IsSet(nameof(SlackOptions.AppToken)))
        {
            services.AddHostedService<SlackSocketModeService>();
        }

        return services;
    }

    /// <summary>
    /// A chat.postMessage that timed out or lost its connection may have been posted: retrying it here would post twice.
    /// The outbox retries it instead, after looking for the earlier post (<see cref="SlackOutboundDelivery"/>).
    /// </summary>
    private static bool MayHavePosted(ResilienceContext context) =>
        context.GetRequestMessage()?.RequestUri?.AbsolutePath.EndsWith("/chat.postMessage", StringComparison.Ordinal) == true;

    /// <summary>Retries 429 (including <c>ok:false ratelimited</c>), 408, 5xx and network errors, waiting Slack's Retry-After when given.</summary>
    private static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var settings = context.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        var timeProvider = context.ServiceProvider.GetKeyedService<TimeProvider>(ResilienceTimeProviderKey)
            ?? context.ServiceProvider.GetRequiredService<TimeProvider>();
        builder.TimeProvider = timeProvider;
        builder
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(settings.MaxRetryAttempts, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    settings.MaxRetryAttempts > 0
                    && (args.Outcome.Result is { } response
                        ? SlackRetryDelay.IsTransient(response)
                        : args.Outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException && !MayHavePosted(args.Context))),
                DelayGenerator = args => ValueTask.FromResult(
                    SlackRetryDelay.FromRetryAfter(args.Outcome.Result, timeProvider.GetUtcNow(), settings.MaxRetryAfter)),
            })
            .AddTimeout(settings.AttemptTimeout);
    }
}
