using FinOps.Bot.Hosting;
using FinOps.Storage.Data;

namespace FinOps.Bot.Cli;

/// <summary>The services of a CLI verb: the same as the web host's, with logs on standard error so standard output stays machine-readable.</summary>
public static class CliHost
{
    public static IHost Build(string? databasePath)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (databasePath is not null)
        {
            builder.Configuration["Storage:DatabasePath"] = Path.GetFullPath(databasePath);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // appsettings.json asks for Information for the server; a CLI verb only reports warnings and errors.
        builder.Configuration["Logging:LogLevel:Default"] = nameof(LogLevel.Warning);
        builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] = nameof(LogLevel.Warning);
        builder.Services.AddFinOpsCore(builder.Configuration);
        builder.Services.AddSingleton<StartupState>();
        builder.Services.AddSingleton<StoreInitializer>();
        var host = builder.Build();
        StoreLocation.EnsureUsable(host.Services.GetRequiredService<CostDatabase>());
        return host;
    }
}
