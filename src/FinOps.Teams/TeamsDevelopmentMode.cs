using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FinOps.Teams;

/// <summary>
/// Whether <c>/api/messages</c> runs in development mode (no app id: unauthenticated requests from this machine,
/// replies only to the local emulator at <see cref="TeamsOptions.DevelopmentServiceUrl"/>), and why.
/// </summary>
/// <remarks>
/// Only when asked for: <see cref="TeamsOptions.DevelopmentMode"/> when set (false wins), otherwise the Development
/// environment. With an app id set, every request is authenticated and development mode is off.
/// </remarks>
public sealed class TeamsDevelopmentMode
{
    public TeamsDevelopmentMode(IOptions<TeamsOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var settings = options.Value;
        (IsOn, Reason) = settings switch
        {
            { AuthenticationEnabled: true } => (false, "Teams:AppId is set"),
            { DevelopmentMode: true } => (true, "Teams:DevelopmentMode"),
            { DevelopmentMode: false } => (false, "Teams:DevelopmentMode is false"),
            _ when environment.IsDevelopment() => (true, "Development environment"),
            _ => (false, $"{environment.EnvironmentName} environment"),
        };
        ServiceUrl = Uri.TryCreate(settings.DevelopmentServiceUrl, UriKind.Absolute, out var url) ? url : null;
    }

    public bool IsOn { get; }

    /// <summary>What switched it on or off: "Development environment", "Teams:DevelopmentMode", ...</summary>
    public string Reason { get; }

    /// <summary>The only connector development mode talks to.</summary>
    public Uri? ServiceUrl { get; }

    /// <summary>True when development mode is on and <paramref name="serviceUrl"/> has the emulator's scheme, host and port.</summary>
    public bool AllowsServiceUrl(string? serviceUrl) =>
        IsOn && ServiceUrl is { } allowed
        && Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url)
        && string.Equals(url.Scheme, allowed.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(url.IdnHost, allowed.IdnHost, StringComparison.OrdinalIgnoreCase)
        && url.Port == allowed.Port;
}
