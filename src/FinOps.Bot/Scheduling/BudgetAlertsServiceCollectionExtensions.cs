using FinOps.Core.Budgets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace FinOps.Bot.Scheduling;

/// <summary>Registers budget alerts and, unless <c>Budgets:AlertsEnabled</c> is false, their Quartz job (daily and after imports).</summary>
public static class BudgetAlertsServiceCollectionExtensions
{
    public static IServiceCollection AddBudgetAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Bound by the storage layer's AddBudgets; this adds the check of the schedule it cannot make without Quartz.
        services.AddOptions<BudgetOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BudgetOptions>, BudgetScheduleOptionsValidator>());
        services.TryAddScoped<BudgetAlertRecipients>();
        services.TryAddScoped<BudgetAlertPublisher>();
        services.TryAddSingleton<ImportWatermark<BudgetAlertJob>>();

        var options = configuration.GetSection(BudgetOptions.SectionName).Get<BudgetOptions>() ?? new BudgetOptions();
        // A bad cron cannot become a trigger (Quartz would throw while registering, blaming no setting); the validator names it at start.
        if (!options.AlertsEnabled || !BudgetScheduleOptionsValidator.IsValidCron(options.DailyCron) || options.ImportCheckInterval <= TimeSpan.Zero)
        {
            return services;
        }

        services.AddQuartz(q =>
        {
            q.AddJob<BudgetAlertJob>(j => j.WithIdentity(BudgetAlertJob.Key).WithDescription("Budget evaluation and threshold alerts"));
            q.AddTrigger(t => t
                .ForJob(BudgetAlertJob.Key)
                .WithIdentity("budget-alerts-daily", "budgets")
                .WithCronSchedule(options.DailyCron, c => c.InTimeZone(TimeZoneInfo.Utc)));
            q.AddTrigger(t => t
                .ForJob(BudgetAlertJob.Key)
                .WithIdentity("budget-alerts-after-import", "budgets")
                .UsingJobData(BudgetAlertJob.ModeKey, BudgetAlertJob.ImportsMode)
                .WithSimpleSchedule(s => s.WithInterval(options.ImportCheckInterval).RepeatForever()));
        });
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(QuartzHostedService)))
        {
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }

        return services;
    }
}
