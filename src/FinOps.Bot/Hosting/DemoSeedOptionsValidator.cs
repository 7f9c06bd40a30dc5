using System.Globalization;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Hosting;

/// <summary>Checks <see cref="DemoSeedOptions"/>, echoing the bad value.</summary>
public sealed class DemoSeedOptionsValidator : IValidateOptions<DemoSeedOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoSeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Rows is >= 1_000 and <= 10_000_000
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture, $"Demo:Rows must be 1,000 to 10,000,000, not {options.Rows}."));
    }
}
