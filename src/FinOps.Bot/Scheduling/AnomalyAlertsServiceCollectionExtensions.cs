using FinOps.Core.Anomalies;
using FinOps.Core.Query;
using FinOps.Conversation.Anomalies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace FinOps.Bot.Scheduling;

/// <summary>Registers anomaly alerts and, unless <c>AnomalyAlerts:Enabled</c> is false, their Quartz job (daily and after imports).</summary>
public static class AnomalyAlertsServiceCollectionExtensions
{
    public static IServiceCollection AddAnomalyAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AnomalyAlertOptions>().BindConfiguration(AnomalyAlertOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AnomalyAlertOptions>, AnomalyAlertOptionsValidator>());
        services.TryAddScoped<BudgetAlertRecipients>();
        services.AddAnomalyCards();
        services.TryAddScoped<AnomalyAlertPublisher>();
        services.TryAddSingleton<ImportWatermark<AnomalyAlertJob>>();
        // Chat answers and digests replay as many run dates as the alert job does, so an ongoing incident has the same id.
        services.RemoveAll<AnomalyQueryService>();
        services.AddSingleton(sp => new AnomalyQueryService(
            sp.GetRequiredService<ICostQueryService>(),
            sp.GetRequiredService<IOptions<AnomalyOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<AnomalyAlertOptions>>().Value.ReplayDays));

        var options = configuration.GetSection(AnomalyAlertOptions.SectionName).Get<AnomalyAlertOptions>() ?? new AnomalyAlertOptions();
        // A bad schedule builds no trigger: the options validator then stops the start with the setting's name and value,
        // instead of Quartz failing while the triggers are built.
        if (!options.Enabled || !BudgetScheduleOptionsValidator.IsValidCron(options.DailyCron) || options.ImportCheckInterval <= TimeSpan.Zero)
        {
            return services;
        }

        services.AddQuartz(q =>
        {
            q.AddJob<AnomalyAlertJob>(j => j.WithIdentity(AnomalyAlertJob.Key).WithDescription("Cost anomaly detection and alerts"));
            q.AddTrigger(t => t
                .ForJob(AnomalyAlertJob.Key)
                .WithIdentity("anomaly-alerts-daily", "anomalies")
                .WithCronSchedule(options.DailyCron, c => c.InTimeZone(TimeZoneInfo.Utc)));
            q.AddTrigger(t => t
                .ForJob(AnomalyAlertJob.Key)
                .WithIdentity("anomaly-alerts-after-import", "anomalies")
                .UsingJobData(AnomalyAlertJob.ModeKey, AnomalyAlertJob.ImportsMode)
                .WithSimpleSchedule(s => s.WithInterval(options.ImportCheckInterval).RepeatForever()));
        });
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(QuartzHostedService)))
        {
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }

        return services;
    }
}
