using FinOps.Core.Anomalies;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Hosting;

/// <summary>Checks <see cref="AnomalyOptions"/> at start-up, naming the bad setting.</summary>
public sealed class AnomalyOptionsValidator : IValidateOptions<AnomalyOptions>
{
    public ValidateOptionsResult Validate(string? name, AnomalyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
