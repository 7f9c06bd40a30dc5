using FinOps.Core.Digests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace FinOps.Bot.Scheduling;

/// <summary>
/// At start-up, adds one weekly digest trigger for each time zone that teams name in allocation.yaml (<c>timeZone</c>)
/// other than <c>Digests:TimeZone</c>, with the same cron read in that zone.
/// </summary>
/// <remarks>
/// One trigger per zone rather than per team: teams sharing a zone are sent in one run, and Quartz does the
/// daylight-saving arithmetic. Zones added to allocation.yaml while the bot runs are scheduled at the next start;
/// until then those teams wait (a zone removed leaves a trigger whose run finds no team).
/// </remarks>
public sealed class TeamZoneDigestTriggers(IServiceScopeFactory scopes, ISchedulerFactory schedulers, IOptions<DigestOptions> options) : IHostedService
{
    public const string Group = "digests";

    public static TriggerKey KeyFor(string zone) => new("weekly-digest-trigger-" + zone, Group);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DigestTeam> teams;
        using (var scope = scopes.CreateScope())
        {
            teams = await scope.ServiceProvider.GetRequiredService<ITeamDirectory>().GetTeamsAsync(cancellationToken);
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var defaultZone = options.Value.TimeZone.Trim();
        foreach (var zone in teams.Select(t => t.TimeZone).OfType<string>().Where(z => !string.Equals(z, defaultZone, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal))
        {
            var timeZone = DigestOptions.FindZone(zone);
            var key = KeyFor(zone);
            if (timeZone is null)
            {
                continue;
            }

            var trigger = TriggerBuilder.Create()
                .ForJob(WeeklyDigestJob.Key)
                .WithIdentity(key)
                .UsingJobData(WeeklyDigestJob.TimeZoneKey, zone)
                .WithCronSchedule(options.Value.WeeklyCron, c => c.InTimeZone(timeZone).WithMisfireInstruction(SchedulingServiceCollectionExtensions.DigestMisfire))
                .Build();
            // Keep: a persistent store may already hold this trigger from an earlier start.
            await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
