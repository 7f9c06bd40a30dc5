using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Teams;

/// <summary>Says loudly at start when the Teams endpoint accepts unauthenticated (loopback-only) requests.</summary>
public sealed partial class TeamsDevelopmentModeNotice(IOptions<TeamsOptions> options, ILogger<TeamsDevelopmentModeNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.AuthenticationEnabled)
        {
            LogDevelopmentMode(logger, TeamsEndpoints.MessagesPath);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams:AppId is not set: {Path} runs in development mode and accepts UNAUTHENTICATED requests from loopback only")]
    private static partial void LogDevelopmentMode(ILogger logger, string path);
}
