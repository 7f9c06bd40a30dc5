using FinOps.Bot.Endpoints;
using FinOps.Core.Ingestion;

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

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<StartupState>();
        builder.Services.AddSingleton<IFocusFileReader, FocusFileReader>();

        var app = builder.Build();
        app.MapHealth();
        return app;
    }
}
