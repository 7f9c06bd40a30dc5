using FinOps.Bot.Playground;
using FinOps.Slack;
using FinOps.Teams;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Hosting;

/// <summary>
/// What a newcomer sees in the console once the bot listens: whether the playground and Teams development mode are on
/// and why (Development environment or an explicit setting), where the playground is, what to ask, which channels are on.
/// </summary>
public static partial class StartupBanner
{
    public static void Print(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FinOps.Bot");
        var playground = app.Services.GetRequiredService<PlaygroundSwitch>();
        if (playground.IsOn)
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var urls = addresses.Select(address => address.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
                    .Replace("://[::]", "://localhost", StringComparison.Ordinal)
                    .Replace("://+", "://localhost", StringComparison.Ordinal)
                    .Replace("://*", "://localhost", StringComparison.Ordinal)
                    .TrimEnd('/') + PlaygroundEndpoints.Path + "/")
                .DefaultIfEmpty(PlaygroundEndpoints.Path + "/");
            foreach (var url in urls)
            {
                LogPlayground(logger, playground.Reason, url);
            }
        }
        else
        {
            LogPlaygroundOff(logger, playground.Reason);
        }

        var teamsDevelopment = app.Services.GetRequiredService<TeamsDevelopmentMode>();
        if (teamsDevelopment.IsOn)
        {
            LogTeamsDevelopmentMode(logger, teamsDevelopment.Reason, teamsDevelopment.ServiceUrl);
        }

        var directory = app.Services.GetRequiredService<PlaygroundDirectory>();
        LogExamples(logger, string.Join(Environment.NewLine + "    ", directory.Examples.Take(5)));

        var slack = app.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (string.IsNullOrEmpty(slack.SigningSecret) && string.IsNullOrEmpty(slack.AppToken))
        {
            LogSlackOff(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Playground is on ({Reason}), for this machine only: {Url}")]
    private static partial void LogPlayground(ILogger logger, string reason, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Playground is off ({Reason}): run in the Development environment (dotnet run does) or set Playground:Enabled=true to use it.")]
    private static partial void LogPlaygroundOff(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams development mode is on ({Reason}): /api/messages takes unauthenticated requests from this machine and replies only to {ServiceUrl}")]
    private static partial void LogTeamsDevelopmentMode(ILogger logger, string reason, Uri? serviceUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Try asking:\n    {Examples}")]
    private static partial void LogExamples(ILogger logger, string examples);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack is off: set Slack:SigningSecret and Slack:BotToken (or Slack:AppToken for Socket Mode) to switch it on; see README 'Slack in three minutes'.")]
    private static partial void LogSlackOff(ILogger logger);
}
