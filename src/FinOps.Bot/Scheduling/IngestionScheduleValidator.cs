using System.Globalization;
using FinOps.Storage.Ingestion;
using Microsoft.Extensions.Options;
using Quartz;

namespace FinOps.Bot.Scheduling;

/// <summary>Checks that each <c>Ingestion:Sources:N:Schedule</c> is a Quartz cron expression (the rest of the sources is checked by <see cref="IngestionOptionsValidator"/>).</summary>
public sealed class IngestionScheduleValidator : IValidateOptions<IngestionOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (var i = 0; i < options.Sources.Count; i++)
        {
            var source = options.Sources[i];
            if (source is not null && !CronExpression.TryParse(source.Schedule ?? string.Empty, out _))
            {
                failures.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{IngestionOptions.SectionName}:Sources:{i}:Schedule '{source.Schedule}' is not a valid Quartz cron expression (source '{source.Name}')."));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
