using System.Globalization;
using Microsoft.Extensions.Options;

namespace FinOps.Conversation.Questions;

/// <summary>Checks <see cref="ConversationOptions"/>: every problem at once, each naming its setting and echoing the bad value.</summary>
public sealed class ConversationOptionsValidator : IValidateOptions<ConversationOptions>
{
    public ValidateOptionsResult Validate(string? name, ConversationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.CatalogRefreshMinutes is < 0 or > 1440)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Conversation:CatalogRefreshMinutes must be 0 to 1440, not {options.CatalogRefreshMinutes}."));
        }

        if (options.FollowUpExpiry < TimeSpan.Zero || options.FollowUpExpiry > TimeSpan.FromDays(1))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Conversation:FollowUpExpiry must be 00:00:00 (off) to 1.00:00:00, not {options.FollowUpExpiry:c}."));
        }

        if (options.FollowUpCapacity is < 1 or > 1_000_000)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Conversation:FollowUpCapacity must be 1 to 1000000, not {options.FollowUpCapacity}."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
