using System.Globalization;
using Microsoft.Extensions.Options;

namespace FinOps.Storage.Metrics;

/// <summary>Checks <see cref="BusinessMetricsOptions"/>, echoing the bad value.</summary>
public sealed class BusinessMetricsOptionsValidator : IValidateOptions<BusinessMetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, BusinessMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PollInterval > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture, $"Metrics:PollInterval must be positive, not {options.PollInterval:c}."));
    }
}
