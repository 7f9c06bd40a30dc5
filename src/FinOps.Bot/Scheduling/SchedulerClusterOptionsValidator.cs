using Microsoft.Extensions.Options;

namespace FinOps.Bot.Scheduling;

/// <summary>Checks the <c>SchedulerCluster</c> timings; each error names the setting and its value.</summary>
public sealed class SchedulerClusterOptionsValidator : IValidateOptions<SchedulerClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulerClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        foreach (var (setting, value) in Timings(options))
        {
            // Quartz stores milliseconds and refuses sub-millisecond thresholds.
            if (value <= TimeSpan.Zero || value.Ticks % TimeSpan.TicksPerMillisecond != 0)
            {
                errors.Add($"{SchedulerClusterOptions.SectionName}:{setting} '{value}' must be a positive whole number of milliseconds, e.g. \"00:00:10\".");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Whether every timing is usable (the Quartz store is only configured from valid values; the validator reports the rest).</summary>
    public static bool IsValid(SchedulerClusterOptions options) => Timings(options).All(t => t.Value > TimeSpan.Zero && t.Value.Ticks % TimeSpan.TicksPerMillisecond == 0);

    private static (string Setting, TimeSpan Value)[] Timings(SchedulerClusterOptions options) =>
    [
        (nameof(SchedulerClusterOptions.CheckinInterval), options.CheckinInterval),
        (nameof(SchedulerClusterOptions.CheckinMisfireThreshold), options.CheckinMisfireThreshold),
        (nameof(SchedulerClusterOptions.MisfireThreshold), options.MisfireThreshold),
    ];
}
