using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Teams;

/// <summary>Says loudly at start when the Teams endpoint accepts unauthenticated (this machine only) requests, and why; or that Teams is off.</summary>
public sealed partial class TeamsDevelopmentModeNotice(
    IOptions<TeamsOptions> options, TeamsDevelopmentMode developmentMode, ILogger<TeamsDevelopmentModeNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (developmentMode.IsOn)
        {
            LogDevelopmentMode(logger, TeamsEndpoints.MessagesPath, developmentMode.Reason, developmentMode.ServiceUrl);
        }
        else if (!options.Value.AuthenticationEnabled)
        {
            LogTeamsOff(logger, developmentMode.Reason);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams development mode is on ({Reason}): {Path} accepts UNAUTHENTICATED requests from this machine only and replies only to {ServiceUrl}")]
    private static partial void LogDevelopmentMode(ILogger logger, string path, string reason, Uri? serviceUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams is off ({Reason}): set Teams:AppId (see README 'Teams'), or Teams:DevelopmentMode=true for the local Agents Playground.")]
    private static partial void LogTeamsOff(ILogger logger, string reason);
}
