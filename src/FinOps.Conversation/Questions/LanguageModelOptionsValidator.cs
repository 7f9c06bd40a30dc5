using System.Globalization;
using Microsoft.Extensions.Options;

namespace FinOps.Conversation.Questions;

/// <summary>
/// Checks <see cref="LanguageModelOptions"/>: every problem at once, each naming its setting and echoing the bad value;
/// <see cref="LanguageModelOptions.ApiKey"/> is a secret and never echoed.
/// </summary>
public sealed class LanguageModelOptionsValidator : IValidateOptions<LanguageModelOptions>
{
    public ValidateOptionsResult Validate(string? name, LanguageModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Endpoint) && !Uri.TryCreate(options.Endpoint, UriKind.Absolute, out _))
        {
            failures.Add($"LanguageModel:Endpoint must be an absolute URL, not '{options.Endpoint}'.");
        }

        if (options.TimeoutSeconds is < 1 or > 120)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"LanguageModel:TimeoutSeconds must be 1 to 120, not {options.TimeoutSeconds}."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
