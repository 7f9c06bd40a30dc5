using Microsoft.Extensions.Options;

namespace FinOps.Teams.Delivery;

/// <summary>Refuses delivery settings that would spin, never retry or never time out.</summary>
public sealed class TeamsDeliveryOptionsValidator : IValidateOptions<TeamsDeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsDeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Positive(failures, nameof(options.PollInterval), options.PollInterval);
        Positive(failures, nameof(options.ProcessingLease), options.ProcessingLease);
        Positive(failures, nameof(options.RetryBaseDelay), options.RetryBaseDelay);
        Positive(failures, nameof(options.SendTimeout), options.SendTimeout);
        if (options.MaxRetryDelay < options.RetryBaseDelay)
        {
            failures.Add($"{TeamsDeliveryOptions.SectionName}:{nameof(options.MaxRetryDelay)} ({options.MaxRetryDelay}) must not be shorter than {nameof(options.RetryBaseDelay)} ({options.RetryBaseDelay}).");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add($"{TeamsDeliveryOptions.SectionName}:{nameof(options.MaxAttempts)} must be at least 1 (was {options.MaxAttempts}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{TeamsDeliveryOptions.SectionName}:{name} must be positive (was {value}).");
        }
    }
}
