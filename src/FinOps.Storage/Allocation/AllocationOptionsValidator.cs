using System.Globalization;
using Microsoft.Extensions.Options;

namespace FinOps.Storage.Allocation;

/// <summary>Checks <see cref="AllocationOptions"/>, echoing the bad value.</summary>
public sealed class AllocationOptionsValidator : IValidateOptions<AllocationOptions>
{
    public ValidateOptionsResult Validate(string? name, AllocationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ReloadInterval > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture, $"Allocation:ReloadInterval must be positive, not {options.ReloadInterval:c}."));
    }
}
