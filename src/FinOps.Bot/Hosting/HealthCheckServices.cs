using FinOps.Slack;
using FinOps.Storage;
using FinOps.Storage.Data;
using Microsoft.EntityFrameworkCore;
using FinOps.Teams;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Hosting;

/// <summary>
/// ASP.NET Core health checks behind <c>/readyz</c> (tag <see cref="ReadyTag"/>): the store (migrated, seeded, answering),
/// the durable queues (depth and dead letters), and whether Slack and Teams have the credentials they need.
/// <c>/healthz</c> runs none: it answers while the process lives.
/// </summary>
public static class HealthCheckServices
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddBotHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<QueueStatistics>();
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag])
            .AddCheck<QueueHealthCheck>("queues", tags: [ReadyTag])
            .AddCheck<ChannelCredentialsHealthCheck>("credentials", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Ready once start-up (migration, seeding, first load) finished and the database answers.</summary>
    public sealed class StoreHealthCheck(StartupState startup, CostDatabase database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (startup.Failure is { } failure)
            {
                return HealthCheckResult.Unhealthy(failure);
            }

            if (!startup.IsReady)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, startup.Detail);
            }

            if (database.Provider == StorageProvider.PostgreSql)
            {
                await using var store = database.CreateContext();
                return await store.Database.CanConnectAsync(cancellationToken)
                    ? HealthCheckResult.Healthy(database.Description)
                    : new HealthCheckResult(context.Registration.FailureStatus, $"{database.Description} cannot be reached");
            }

            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy(database.DatabasePath);
        }
    }

    /// <summary>Queue depth and dead letters per queue; degraded while any queue holds dead letters (they need a look).</summary>
    public sealed class QueueHealthCheck(QueueStatistics statistics) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var counts = (await statistics.CountAsync(cancellationToken)).Where(c => c.Status != QueueStatistics.SentStatus).ToList();
            var data = counts.ToDictionary(c => $"{c.Channel}.{c.Status}", c => (object)c.Count);
            var dead = counts.Where(c => c.Status == QueueStatistics.DeadStatus).Sum(c => c.Count);
            var pending = counts.Where(c => c.Status == QueueStatistics.PendingStatus).Sum(c => c.Count);
            return dead > 0
                ? HealthCheckResult.Degraded($"{pending} pending, {dead} dead letters", data: data)
                : HealthCheckResult.Healthy($"{pending} pending, no dead letters", data);
        }
    }

    /// <summary>Slack and Teams: off, or on with the credentials they need (never the secrets themselves).</summary>
    public sealed class ChannelCredentialsHealthCheck(IOptions<SlackOptions> slack, IOptions<TeamsOptions> teams) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var problems = new List<string>();
            var s = slack.Value;
            var slackOn = !string.IsNullOrEmpty(s.SigningSecret) || !string.IsNullOrEmpty(s.AppToken);
            if (slackOn && string.IsNullOrEmpty(s.BotToken) && string.IsNullOrEmpty(s.ClientSecret))
            {
                problems.Add("Slack:BotToken (or Slack:ClientId/ClientSecret for installs) is missing");
            }

            var t = teams.Value;
            var teamsOn = !string.IsNullOrEmpty(t.AppId);
            if (teamsOn && t.AppType != TeamsAppType.UserAssignedMSI && string.IsNullOrEmpty(t.AppPassword)
                && string.IsNullOrEmpty(t.CertificatePath) && string.IsNullOrEmpty(t.CertificateThumbprint))
            {
                problems.Add("Teams:AppPassword, Teams:CertificatePath or Teams:CertificateThumbprint is missing");
            }

            var data = new Dictionary<string, object> { ["slack"] = slackOn ? "on" : "off", ["teams"] = teamsOn ? "on" : "off" };
            return Task.FromResult(problems.Count == 0
                ? HealthCheckResult.Healthy($"Slack {data["slack"]}, Teams {data["teams"]}", data)
                : HealthCheckResult.Unhealthy(string.Join("; ", problems), data: data));
        }
    }
}
