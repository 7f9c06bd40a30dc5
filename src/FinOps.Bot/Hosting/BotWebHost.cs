using FinOps.Bot.Channels;
using FinOps.Bot.Endpoints;
using FinOps.Bot.Playground;
using FinOps.Bot.Scheduling;
using FinOps.Conversation.Messaging;
using FinOps.Core.People;
using FinOps.Slack;
using FinOps.Storage.Data;
using Microsoft.Extensions.Options;
using FinOps.Slack.AppHome;
using FinOps.Slack.Installation;
using FinOps.Teams;
using FinOps.Teams.Conversations;

namespace FinOps.Bot.Hosting;

/// <summary>Builds the web host: the bot's endpoints, background jobs and the local playground.</summary>
public static class BotWebHost
{
    /// <summary>How long a stopping host (SIGTERM) lets work under way finish: answers being posted, an import's commit.</summary>
    public static TimeSpan ShutdownTimeout { get; } = TimeSpan.FromSeconds(30);

    public static WebApplication Build(IReadOnlyList<string> args, string? databasePath)
    {
        ArgumentNullException.ThrowIfNull(args);
        // appsettings.json comes from the application's folder (not the current one), so the shipped log levels apply
        // however the bot is started; a test host that names its own content root keeps it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args.ToArray(),
            ContentRootPath = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) ? null : AppContext.BaseDirectory,
        });
        if (databasePath is not null)
        {
            builder.Configuration["Storage:DatabasePath"] = Path.GetFullPath(databasePath);
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        var logGate = new StartupLogGate();
        logGate.Apply(builder.Logging);

        builder.Services.AddBotHost(builder.Configuration);

        var app = builder.Build();
        // Every ValidateOnStart check now, all problems in one report, before mapping endpoints reads any options.
        app.Services.GetService<IStartupValidator>()?.Validate();
        StoreLocation.EnsureUsable(app.Services.GetRequiredService<CostDatabase>());
        app.MapHealth();
        app.MapChartImages();
        app.MapSlack();
        app.MapTeams();
        app.MapPlayground();
        app.Lifetime.ApplicationStarted.Register(logGate.Open);
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
        return app;
    }

    /// <summary>Every service of the web host (the production service collection; tests inspect it).</summary>
    public static IServiceCollection AddBotHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<StartupState>();
        services.AddFinOpsCore(configuration);
        services.AddSingleton<StoreInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreInitializer>());
        // Durable stores first: AddSlack and AddTeams only add their in-memory defaults when none is registered.
        // Keys in the store, so every replica (and a new container) decrypts the stored Slack tokens; home-folder keys are copied in once.
        services.AddDataProtection().PersistKeysToStore();
        services.AddSingleton<ISlackInstallationStore, DbSlackInstallationStore>();
        services.AddSingleton<IConversationReferenceStore, DbConversationReferenceStore>();
        services.AddSingleton<ITeamsChannelStore, DbTeamsChannelStore>();
        services.AddSingleton<ISlackHomeViewers, DbSlackHomeViewers>();
        services.AddSlack(configuration);
        services.AddTeams(configuration);
        services.AddPlayground();
        // Before the jobs: where Quartz keeps their schedule (in memory, or clustered in PostgreSQL).
        services.AddQuartzStore(configuration);
        services.AddScheduling(configuration);
        services.AddBudgetAlerts(configuration);
        services.AddAnomalyAlerts(configuration);
        services.AddIngestionSchedule(configuration);
        services.AddStaleExportAlerts();
        services.AddApprovalTimers(configuration);
        services.AddSingleton<FinOps.Conversation.Approvals.IApprovalAddressBook>(sp => new FinOps.Bot.Channels.ApprovalAddressBook(sp.GetService<FinOps.Teams.Conversations.IConversationReferenceStore>()));
        services.AddBotHealthChecks();
        services.AddBotTelemetry(configuration);
        return services;
    }

    private static IServiceCollection AddPlayground(this IServiceCollection services)
    {
        services.AddOptions<PlaygroundOptions>().BindConfiguration(PlaygroundOptions.SectionName).ValidateOnStart();
        services.AddSingleton<PlaygroundSwitch>();
        // Built per use from the current directory, so the picker follows edits of allocation.yaml.
        services.AddTransient(sp => PlaygroundDirectoryFactory.FromDirectory(sp.GetRequiredService<DirectorySource>().Current));
        services.AddSingleton<PlaygroundHub>();
        services.AddSingleton<PlaygroundMessages>();
        services.AddSingleton<PlaygroundCardPresenter>();
        services.AddSingleton<PlaygroundProactiveSender>();
        services.AddSingleton<IProactiveSender>(sp => sp.GetRequiredService<PlaygroundProactiveSender>());
        return services;
    }
}
