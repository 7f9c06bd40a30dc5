using System.Globalization;
using FinOps.Core.People;
using Microsoft.Extensions.Options;

namespace FinOps.Conversation.Visibility;

/// <summary>Checks <see cref="DirectoryOptions"/>, echoing the bad value.</summary>
public sealed class DirectoryOptionsValidator : IValidateOptions<DirectoryOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.LookupCacheLifetime > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture, $"Directory:LookupCacheLifetime must be positive, not {options.LookupCacheLifetime:c}."));
    }
}
