using FinOps.Storage.Ingestion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace FinOps.Bot.Scheduling;

/// <summary>One Quartz job and cron trigger (UTC) per enabled <c>Ingestion:Sources</c> item; the schedules are validated at start-up (<see cref="IngestionScheduleValidator"/>).</summary>
public static class IngestionSchedulingServiceCollectionExtensions
{
    public static IServiceCollection AddIngestionSchedule(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngestionOptions>, IngestionScheduleValidator>());
        var options = configuration.GetSection(IngestionOptions.SectionName).Get<IngestionOptions>() ?? new IngestionOptions();
        var sources = options.Sources.Where(s => s is { Enabled: true } && !string.IsNullOrWhiteSpace(s.Name)).ToList();
        if (sources.Count == 0)
        {
            return services;
        }

        services.AddQuartz(q =>
        {
            foreach (var source in sources)
            {
                var key = IngestionSyncJob.KeyFor(source.Name);
                q.AddJob<IngestionSyncJob>(j => j.WithIdentity(key).UsingJobData(IngestionSyncJob.SourceKey, source.Name).WithDescription($"Sync of ingestion source {source.Name}").StoreDurably());
                // An invalid cron fails start-up through IngestionScheduleValidator, naming the setting; it is not added here.
                if (source.Schedule is { } schedule && CronExpression.TryParse(schedule, out _))
                {
                    q.AddTrigger(t => t.ForJob(key).WithIdentity(key.Name + "-trigger", IngestionSyncJob.Group).WithCronSchedule(schedule, c => c.InTimeZone(TimeZoneInfo.Utc)));
                }
            }
        });
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(QuartzHostedService)))
        {
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }

        return services;
    }
}
