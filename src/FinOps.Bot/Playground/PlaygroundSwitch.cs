using Microsoft.Extensions.Options;

namespace FinOps.Bot.Playground;

/// <summary>Whether the playground is served, and why: it has no sign-in, so it is on only when asked for.</summary>
public sealed class PlaygroundSwitch
{
    public PlaygroundSwitch(IOptions<PlaygroundOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        (IsOn, Reason) = options.Value.Enabled switch
        {
            true => (true, "Playground:Enabled"),
            false => (false, "Playground:Enabled is false"),
            null when environment.IsDevelopment() => (true, "Development environment"),
            null => (false, $"{environment.EnvironmentName} environment"),
        };
    }

    public bool IsOn { get; }

    /// <summary>What switched it on or off: "Development environment", "Playground:Enabled", ...</summary>
    public string Reason { get; }
}
