using System.Globalization;
using Microsoft.Extensions.Options;

namespace FinOps.Slack;

/// <summary>
/// Checks <see cref="SlackOptions"/> at start-up so a half-configured app fails fast: every problem at once, each naming
/// its setting and echoing the bad value, except the secrets (SigningSecret, BotToken, AppToken, ClientSecret,
/// StateSecret), which are never echoed.
/// </summary>
public sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!options.ApiBaseUrl.IsAbsoluteUri || !options.ApiBaseUrl.AbsoluteUri.EndsWith('/'))
        {
            failures.Add($"Slack:ApiBaseUrl must be an absolute URL ending with '/', not '{options.ApiBaseUrl.OriginalString}'.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId) != string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            // The client id is public (it is in every install link); the secret is not echoed.
            failures.Add(string.IsNullOrWhiteSpace(options.ClientId)
                ? "Slack:ClientId and Slack:ClientSecret must be set together: Slack:ClientSecret is set but Slack:ClientId is empty."
                : $"Slack:ClientId and Slack:ClientSecret must be set together: Slack:ClientId is '{options.ClientId}' but Slack:ClientSecret is empty.");
        }

        if (options.OAuthEnabled && !options.HttpEnabled)
        {
            failures.Add("Slack:SigningSecret is required with the OAuth install flow (it serves HTTP endpoints).");
        }

        Positive(failures, "MaxRequestBodyBytes", options.MaxRequestBodyBytes);
        Positive(failures, "WorkerCount", options.WorkerCount);
        Positive(failures, "InboxMaxAttempts", options.InboxMaxAttempts);
        Positive(failures, "OutboxMaxAttempts", options.OutboxMaxAttempts);
        if (options.MaxRetryAttempts < 0)
        {
            failures.Add(Invariant($"Slack:MaxRetryAttempts must not be negative, not {options.MaxRetryAttempts}."));
        }

        Positive(failures, "ProcessingLease", options.ProcessingLease);
        Positive(failures, "AttemptTimeout", options.AttemptTimeout);
        Positive(failures, "OutboxPollInterval", options.OutboxPollInterval);
        Positive(failures, "StateLifetime", options.StateLifetime);
        Positive(failures, "InboxPollInterval", options.InboxPollInterval);
        Positive(failures, "InboxRetryBaseDelay", options.InboxRetryBaseDelay);
        Positive(failures, "InboxMaxRetryDelay", options.InboxMaxRetryDelay);
        NotNegative(failures, "PostInterval", options.PostInterval);
        NotNegative(failures, "UserLookupFailureLifetime", options.UserLookupFailureLifetime);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string setting, int value)
    {
        if (value <= 0)
        {
            failures.Add(Invariant($"Slack:{setting} must be positive, not {value}."));
        }
    }

    private static void Positive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add(Invariant($"Slack:{setting} must be a positive time span, not {value:c}."));
        }
    }

    private static void NotNegative(List<string> failures, string setting, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            failures.Add(Invariant($"Slack:{setting} must not be a negative time span, not {value:c}."));
        }
    }

    private static string Invariant(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
