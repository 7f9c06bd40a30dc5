using FinOps.Bot.Channels;
using FinOps.Bot.Endpoints;
using FinOps.Bot.Playground;
using FinOps.Bot.Scheduling;
using FinOps.Conversation.Messaging;
using FinOps.Demo;
using FinOps.Slack;
using FinOps.Slack.Installation;
using FinOps.Teams;
using FinOps.Teams.Conversations;

namespace FinOps.Bot.Hosting;

/// <summary>Builds the web host: the bot's endpoints, background jobs and the local playground.</summary>
public static class BotWebHost
{
    public static WebApplication Build(IReadOnlyList<string> args, string? databasePath)
    {
        var builder = WebApplication.CreateBuilder(args.ToArray());
        if (databasePath is not null)
        {
            builder.Configuration["Storage:DatabasePath"] = databasePath;
        }

        builder.Services.AddBotHost(builder.Configuration);

        var app = builder.Build();
        app.MapHealth();
        app.MapChartImages();
        app.MapSlack();
        app.MapTeams();
        app.MapPlayground();
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
        services.AddDataProtection();
        services.AddSingleton<ISlackInstallationStore, DbSlackInstallationStore>();
        services.AddSingleton<IConversationReferenceStore, DbConversationReferenceStore>();
        services.AddSlack(configuration);
        services.AddTeams(configuration);
        services.AddPlayground();
        services.AddScheduling(configuration);
        return services;
    }

    private static IServiceCollection AddPlayground(this IServiceCollection services)
    {
        services.AddOptions<PlaygroundOptions>().BindConfiguration(PlaygroundOptions.SectionName).ValidateOnStart();
        services.AddSingleton<PlaygroundSwitch>();
        services.AddSingleton(PlaygroundDirectoryFactory.FromDemoOrganization(DemoOrganization.Default));
        services.AddSingleton<PlaygroundHub>();
        services.AddSingleton<PlaygroundMessages>();
        services.AddSingleton<PlaygroundCardPresenter>();
        services.AddSingleton<PlaygroundProactiveSender>();
        services.AddSingleton<IProactiveSender>(sp => sp.GetRequiredService<PlaygroundProactiveSender>());
        return services;
    }
}
