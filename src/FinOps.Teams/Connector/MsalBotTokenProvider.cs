using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace FinOps.Teams.Connector;

/// <summary>
/// Client-credentials tokens for the Bot Connector from MSAL (secret, certificate or user-assigned
/// managed identity); MSAL's in-memory app token cache serves them until shortly before expiry.
/// </summary>
public sealed class MsalBotTokenProvider : IBotTokenProvider
{
    private readonly TeamsOptions _options;
    private readonly IConfidentialClientApplication? _confidentialClient;
    private readonly IManagedIdentityApplication? _managedIdentity;

    public MsalBotTokenProvider(IOptions<TeamsOptions> options, IMsalHttpClientFactory httpClientFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        if (!_options.AuthenticationEnabled)
        {
            return;
        }

        if (_options.AppType == TeamsAppType.UserAssignedMSI)
        {
            _managedIdentity = ManagedIdentityApplicationBuilder
                .Create(ManagedIdentityId.WithUserAssignedClientId(_options.AppId!))
                .WithHttpClientFactory(httpClientFactory)
                .Build();
            return;
        }

        var builder = ConfidentialClientApplicationBuilder.Create(_options.AppId)
            .WithAuthority(_options.ResolveTokenAuthority(), validateAuthority: IsMicrosoftAuthority(_options.ResolveTokenAuthority()))
            .WithHttpClientFactory(httpClientFactory);
        if (!IsMicrosoftAuthority(_options.ResolveTokenAuthority()))
        {
            // A stand-in authority (tests, staging) is not in Microsoft's instance discovery list.
            builder = builder.WithInstanceDiscovery(false);
        }

        if (!string.IsNullOrWhiteSpace(_options.AppPassword))
        {
            builder = builder.WithClientSecret(_options.AppPassword);
        }
        else
        {
            builder = builder.WithCertificate(LoadCertificate(_options), sendX5C: true);
        }

        _confidentialClient = builder.Build();
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_managedIdentity is not null)
        {
            var resource = _options.OAuthScope.EndsWith("/.default", StringComparison.Ordinal)
                ? _options.OAuthScope[..^"/.default".Length]
                : _options.OAuthScope;
            var result = await _managedIdentity.AcquireTokenForManagedIdentity(resource).ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }

        if (_confidentialClient is null)
        {
            // Development mode: the local simulator's connector is anonymous.
            return null;
        }

        var token = await _confidentialClient.AcquireTokenForClient([_options.OAuthScope]).ExecuteAsync(cancellationToken);
        return token.AccessToken;
    }

    private static bool IsMicrosoftAuthority(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri)
        && (uri.Host.EndsWith(".microsoftonline.com", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith(".microsoftonline.us", StringComparison.OrdinalIgnoreCase));

    private static X509Certificate2 LoadCertificate(TeamsOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
        }

        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            store.Open(OpenFlags.ReadOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, options.CertificateThumbprint!, validOnly: false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }

        throw new InvalidOperationException("The certificate named by Teams:CertificateThumbprint is not in the personal store.");
    }
}
