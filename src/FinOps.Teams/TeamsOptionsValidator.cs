using System.Globalization;
using Microsoft.Extensions.Options;

namespace FinOps.Teams;

/// <summary>
/// Refuses to start with settings that would leave the bot unable to authenticate: every problem at once, each naming
/// its setting and echoing the bad value, except the app password and certificate password, which are never echoed.
/// </summary>
public sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.AppType is TeamsAppType.SingleTenant or TeamsAppType.UserAssignedMSI && string.IsNullOrWhiteSpace(options.TenantId))
        {
            failures.Add($"Teams:TenantId is required when Teams:AppType is {options.AppType}.");
        }

        if (options.AuthenticationEnabled && options.AppType != TeamsAppType.UserAssignedMSI
            && string.IsNullOrWhiteSpace(options.AppPassword)
            && string.IsNullOrWhiteSpace(options.CertificatePath)
            && string.IsNullOrWhiteSpace(options.CertificateThumbprint))
        {
            failures.Add($"Teams:AppPassword, Teams:CertificatePath or Teams:CertificateThumbprint is required when Teams:AppId is set (it is '{options.AppId}').");
        }

        if (!Uri.TryCreate(options.OpenIdMetadataUrl, UriKind.Absolute, out _))
        {
            failures.Add($"Teams:OpenIdMetadataUrl must be an absolute URL, not '{options.OpenIdMetadataUrl}'.");
        }

        if (options.DevelopmentMode == true && options.AuthenticationEnabled)
        {
            failures.Add($"Teams:DevelopmentMode cannot be true when Teams:AppId is set (it is '{options.AppId}'; development mode is unauthenticated).");
        }

        if (!Uri.TryCreate(options.DevelopmentServiceUrl, UriKind.Absolute, out var developmentServiceUrl)
            || developmentServiceUrl.Scheme is not ("http" or "https") || !developmentServiceUrl.IsLoopback)
        {
            failures.Add($"Teams:DevelopmentServiceUrl must be an absolute http(s) URL on this machine (such as {TeamsOptions.DefaultDevelopmentServiceUrl}), not '{options.DevelopmentServiceUrl}'.");
        }

        // ConfigurationManager refuses automatic refresh intervals under five minutes.
        if (options.OpenIdMetadataRefreshInterval < TimeSpan.FromMinutes(5) || options.OpenIdMetadataRefreshInterval > TimeSpan.FromDays(7))
        {
            failures.Add(Invariant($"Teams:OpenIdMetadataRefreshInterval must be between 5 minutes and 7 days, not {options.OpenIdMetadataRefreshInterval:c}."));
        }

        if (options.OpenIdMetadataRetryInterval < TimeSpan.FromSeconds(1) || options.OpenIdMetadataRetryInterval > TimeSpan.FromHours(1))
        {
            failures.Add(Invariant($"Teams:OpenIdMetadataRetryInterval must be between 1 second and 1 hour, not {options.OpenIdMetadataRetryInterval:c}."));
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
        {
            failures.Add(Invariant($"Teams:ClockSkew must be between 0 and 10 minutes, not {options.ClockSkew:c}."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Invariant(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
