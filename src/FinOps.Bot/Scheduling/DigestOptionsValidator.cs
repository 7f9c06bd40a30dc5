using Microsoft.Extensions.Options;
using Quartz;

namespace FinOps.Bot.Scheduling;

/// <summary>Checks <c>Digests:WeeklyCron</c> and <c>Digests:TimeZone</c>; each error names the setting and its value.</summary>
public sealed class DigestOptionsValidator : IValidateOptions<DigestOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!CronExpression.TryParse(options.WeeklyCron, out _))
        {
            errors.Add($"Digests:WeeklyCron '{options.WeeklyCron}' must be a Quartz cron expression, e.g. \"0 0 9 ? * MON\".");
        }

        if (DigestOptions.FindZone(options.TimeZone) is null)
        {
            errors.Add($"Digests:TimeZone '{options.TimeZone}' is not a known IANA time zone id (e.g. Europe/Berlin, America/New_York, UTC).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
