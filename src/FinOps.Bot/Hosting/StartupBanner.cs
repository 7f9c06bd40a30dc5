using FinOps.Bot.Playground;
using FinOps.Slack;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Hosting;

/// <summary>What a newcomer sees in the console once the bot listens: where the playground is, what to ask, which channels are on.</summary>
public static partial class StartupBanner
{
    public static void Print(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FinOps.Bot");
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var local = address.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
                .Replace("://[::]", "://localhost", StringComparison.Ordinal)
                .Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal);
            LogPlayground(logger, local.TrimEnd('/') + PlaygroundEndpoints.Path + "/");
        }

        var directory = app.Services.GetRequiredService<PlaygroundDirectory>();
        LogExamples(logger, string.Join(Environment.NewLine + "    ", directory.Examples.Take(5)));

        var slack = app.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (string.IsNullOrEmpty(slack.SigningSecret) && string.IsNullOrEmpty(slack.AppToken))
        {
            LogSlackOff(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Playground (this machine only): {Url}")]
    private static partial void LogPlayground(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Try asking:\n    {Examples}")]
    private static partial void LogExamples(ILogger logger, string examples);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack is off: set Slack:SigningSecret and Slack:BotToken (or Slack:AppToken for Socket Mode) to switch it on; see README 'Slack in three minutes'.")]
    private static partial void LogSlackOff(ILogger logger);
}
