using System.Globalization;
using Microsoft.Extensions.Options;

namespace FinOps.Storage.Queue;

/// <summary>Checks <see cref="QueueRetentionOptions"/>: every problem at once, each naming its setting and echoing the bad value.</summary>
public sealed class QueueRetentionOptionsValidator : IValidateOptions<QueueRetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueRetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Positive(failures, "Sent", options.Sent, "14.00:00:00");
        Positive(failures, "Dead", options.Dead, "30.00:00:00");
        Positive(failures, "PurgeInterval", options.PurgeInterval, "01:00:00");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string setting, TimeSpan value, string example)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{QueueRetentionOptions.SectionName}:{setting} must be positive (e.g. {example}), not {value:c}."));
        }
    }
}
