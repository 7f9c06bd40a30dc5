using FinOps.Conversation.Digests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace FinOps.Bot.Scheduling;

/// <summary>Registers the digests (chat command and buttons) and, unless <c>Digests:Enabled</c> is false, the Quartz weekly digest job.</summary>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// What a weekly digest trigger does about a firing missed while no scheduler ran (every replica down): fire once now, then
    /// keep the schedule. Neither skipped (teams would wait a week) nor once per missed firing.
    /// </summary>
    public const CronTriggerMisfireInstruction DigestMisfire = CronTriggerMisfireInstruction.FireAndProceed;

    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DigestOptions>()
            .BindConfiguration(DigestOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DigestOptions>, DigestOptionsValidator>());
        services.AddDigests();
        services.TryAddScoped<DigestRecipientResolver>();
        services.AddMetrics();
        services.TryAddSingleton<DigestMetrics>();
        services.TryAddScoped<WeeklyDigestPublisher>();

        var options = configuration.GetSection(DigestOptions.SectionName).Get<DigestOptions>() ?? new DigestOptions();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddQuartz(q =>
        {
            q.AddJob<WeeklyDigestJob>(j => j.WithIdentity(WeeklyDigestJob.Key).WithDescription("Weekly team spend digest"));
            q.AddTrigger(t => t
                .ForJob(WeeklyDigestJob.Key)
                .WithIdentity("weekly-digest-trigger", "digests")
                .WithCronSchedule(options.WeeklyCron, c => c
                    .InTimeZone(DigestOptions.FindZone(options.TimeZone) ?? TimeZoneInfo.Utc)
                    .WithMisfireInstruction(DigestMisfire)));
        });
        // Before Quartz's own hosted service starts the scheduler, so that per-team zone triggers are in place.
        services.AddHostedService<TeamZoneDigestTriggers>();
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
