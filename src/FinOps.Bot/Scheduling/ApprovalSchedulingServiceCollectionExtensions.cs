using FinOps.Core.Approvals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace FinOps.Bot.Scheduling;

/// <summary>Schedules <see cref="ApprovalTimersJob"/> every <c>Approvals:CheckEvery</c> (default 15 minutes).</summary>
public static class ApprovalSchedulingServiceCollectionExtensions
{
    public static IServiceCollection AddApprovalTimers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var every = configuration.GetSection(ApprovalOptions.SectionName).Get<ApprovalOptions>()?.CheckEvery ?? new ApprovalOptions().CheckEvery;
        if (every <= TimeSpan.Zero)
        {
            // ApprovalOptionsValidator reports the bad value at start; a trigger cannot be built from it.
            return services;
        }

        // The first run waits one interval, so a starting host (and every test host) does not touch the store at once.
        services.AddQuartz(q =>
        {
            q.AddJob<ApprovalTimersJob>(j => j.WithIdentity(ApprovalTimersJob.Key).WithDescription("Approval reminders, escalation and expiry"));
            q.AddTrigger(t => t
                .ForJob(ApprovalTimersJob.Key)
                .WithIdentity("approval-timers-trigger", "approvals")
                .StartAt(TimeProvider.System.GetUtcNow() + every)
                .WithSimpleSchedule(s => s.WithInterval(every).RepeatForever()));
        });
        // Idempotent: the digest schedule may register the same hosted service.
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
