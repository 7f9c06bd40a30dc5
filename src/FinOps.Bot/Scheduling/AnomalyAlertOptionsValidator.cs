using Microsoft.Extensions.Options;
using Quartz;

namespace FinOps.Bot.Scheduling;

/// <summary>Checks <see cref="AnomalyAlertOptions"/> at start-up, naming the bad setting.</summary>
public sealed class AnomalyAlertOptionsValidator : IValidateOptions<AnomalyAlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AnomalyAlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string s = AnomalyAlertOptions.SectionName;
        if (!CronExpression.TryParse(options.DailyCron, out _))
        {
            return ValidateOptionsResult.Fail($"{s}:DailyCron '{options.DailyCron}' is not a valid Quartz cron expression.");
        }

        if (options.ImportCheckInterval <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail($"{s}:ImportCheckInterval must be positive, not {options.ImportCheckInterval}.");
        }

        if (options.ReplayDays is < 1 or > 366)
        {
            return ValidateOptionsResult.Fail($"{s}:ReplayDays must be 1 to 366, not {options.ReplayDays}.");
        }

        return options.CatchUpDays < 1 || options.CatchUpDays > options.ReplayDays
            ? ValidateOptionsResult.Fail($"{s}:CatchUpDays must be 1 to ReplayDays ({options.ReplayDays}), not {options.CatchUpDays}.")
            : ValidateOptionsResult.Success;
    }
}
