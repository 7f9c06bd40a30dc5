using FinOps.Core.Freshness;
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
/// the durable queues (depth and dead letters), whether Slack and Teams have the credentials they need, and how fresh each
/// ingestion source is.
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
            .AddCheck<ChannelCredentialsHealthCheck>("credentials", tags: [ReadyTag])
            .AddCheck<IngestionHealthCheck>("ingestion", tags: [ReadyTag]);
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

    /// <summary>
    /// Per ingestion source: the latest sync, its outcome, the last complete day per billing account and the stale flag (never
    /// a location's credentials). Degraded while a source is stale or its latest sync failed, never unhealthy.
    /// </summary>
    /// <remarks>
    /// A stale export is the cloud's problem, not the bot's: the bot still answers from the data it has (and says how far it
    /// is complete), so taking it out of a load balancer's rotation would only stop the answers. Degraded keeps /readyz at 200
    /// while showing the problem to whoever reads the details.
    /// </remarks>
    public sealed class IngestionHealthCheck(IDataFreshness freshness) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var sources = await freshness.GetAsync(cancellationToken);
            if (sources.Count == 0)
            {
                return HealthCheckResult.Healthy("no ingestion sources");
            }

            var data = sources.ToDictionary(
                s => s.Source,
                s => (object)new
                {
                    status = s.Status,
                    lastSyncAt = s.LastSyncAt,
                    lastNewDataAt = s.LastNewDataAt,
                    stale = s.IsStale,
                    accounts = s.Accounts.Select(a => new { provider = a.Provider, billingAccountId = a.BillingAccountId, lastCompleteDay = a.LastCompleteDay }).ToArray(),
                },
                StringComparer.Ordinal);
            var stale = sources.Where(s => s.IsStale).Select(s => s.Source).ToList();
            var failed = sources.Where(s => s.Status == "failed").Select(s => s.Source).ToList();
            if (stale.Count == 0 && failed.Count == 0)
            {
                return HealthCheckResult.Healthy($"{sources.Count} source(s) up to date", data);
            }

            var problems = new List<string>();
            if (stale.Count > 0)
            {
                problems.Add("stale: " + string.Join(", ", stale));
            }

            if (failed.Count > 0)
            {
                problems.Add("last sync failed: " + string.Join(", ", failed));
            }

            return HealthCheckResult.Degraded(string.Join("; ", problems), data: data);
        }
    }
}
