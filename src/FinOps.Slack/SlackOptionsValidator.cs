using Microsoft.Extensions.Options;

namespace FinOps.Slack;

/// <summary>Checks <see cref="SlackOptions"/> at start-up so a half-configured app fails fast.</summary>
public sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!options.ApiBaseUrl.IsAbsoluteUri || !options.ApiBaseUrl.AbsoluteUri.EndsWith('/'))
        {
            failures.Add("Slack:ApiBaseUrl must be an absolute URL ending with '/'.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId) != string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("Slack:ClientId and Slack:ClientSecret must be set together.");
        }

        if (options.OAuthEnabled && !options.HttpEnabled)
        {
            failures.Add("Slack:SigningSecret is required with the OAuth install flow (it serves HTTP endpoints).");
        }

        if (options.MaxRequestBodyBytes <= 0 || options.WorkerCount <= 0 || options.InboxMaxAttempts <= 0)
        {
            failures.Add("Slack:MaxRequestBodyBytes, WorkerCount and InboxMaxAttempts must be positive.");
        }

        if (options.MaxRetryAttempts < 0 || options.OutboxMaxAttempts <= 0)
        {
            failures.Add("Slack:MaxRetryAttempts must not be negative and Slack:OutboxMaxAttempts must be positive.");
        }

        if (options.ProcessingLease <= TimeSpan.Zero || options.PostInterval < TimeSpan.Zero || options.AttemptTimeout <= TimeSpan.Zero
            || options.OutboxPollInterval <= TimeSpan.Zero || options.StateLifetime <= TimeSpan.Zero
            || options.InboxPollInterval <= TimeSpan.Zero || options.InboxRetryBaseDelay <= TimeSpan.Zero || options.InboxMaxRetryDelay <= TimeSpan.Zero
            || options.UserLookupFailureLifetime < TimeSpan.Zero)
        {
            failures.Add("Slack time spans must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
