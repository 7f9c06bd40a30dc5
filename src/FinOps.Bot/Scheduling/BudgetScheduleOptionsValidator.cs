using FinOps.Core.Budgets;
using Microsoft.Extensions.Options;
using Quartz;

namespace FinOps.Bot.Scheduling;

/// <summary>
/// Checks the schedule half of the <c>Budgets</c> section at start-up: <c>Budgets:DailyCron</c> must be a Quartz cron
/// expression while alerts are on. The storage layer's validator checks the rest of the section without knowing Quartz.
/// </summary>
public sealed class BudgetScheduleOptionsValidator : IValidateOptions<BudgetOptions>
{
    public ValidateOptionsResult Validate(string? name, BudgetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AlertsEnabled && !IsValidCron(options.DailyCron)
            ? ValidateOptionsResult.Fail(
                $"{BudgetOptions.SectionName}:DailyCron '{options.DailyCron}' is not a Quartz cron expression; use e.g. \"0 0 7 * * ?\" (07:00 UTC daily), or {BudgetOptions.SectionName}:AlertsEnabled=false.")
            : ValidateOptionsResult.Success;
    }

    internal static bool IsValidCron(string? expression) => !string.IsNullOrWhiteSpace(expression) && CronExpression.TryParse(expression, out _);
}
