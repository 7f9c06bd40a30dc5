using FinOps.Core.Approvals;
using Microsoft.Extensions.Logging;
using Quartz;

namespace FinOps.Bot.Scheduling;

/// <summary>Quartz job that sends due reminders, escalates unanswered requests and expires those whose period ended.</summary>
/// <remarks>Safe to fire twice or on two instances: <see cref="ApprovalTimers"/> records each event once.</remarks>
[DisallowConcurrentExecution]
public sealed partial class ApprovalTimersJob(ApprovalTimers timers, ILogger<ApprovalTimersJob> logger) : IJob
{
    public static readonly JobKey Key = new("approval-timers", "approvals");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var written = await timers.RunAsync(cancellationToken);
        if (written > 0)
        {
            LogApplied(logger, written);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval reminders, escalations and expiries applied: {Count}")]
    private static partial void LogApplied(ILogger logger, int count);
}
