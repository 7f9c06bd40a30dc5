namespace FinOps.Teams;

/// <summary>Settings of the Teams channel (appsettings section <c>Teams</c>).</summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The Agents Playground's default address: the only connector development mode replies to unless told otherwise.</summary>
    public const string DefaultDevelopmentServiceUrl = "http://localhost:56150";

    /// <summary>
    /// The bot's Microsoft App ID. When empty, the endpoint is off, or in development mode when
    /// <see cref="DevelopmentMode"/> (or the Development environment) asks for it.
    /// </summary>
    public string? AppId { get; set; }

    /// <summary>Client secret of the app registration (or use a certificate).</summary>
    public string? AppPassword { get; set; }

    /// <summary>Path of a PFX certificate used instead of <see cref="AppPassword"/>.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Thumbprint of a certificate in the current user's or machine's personal store, used instead of <see cref="AppPassword"/>.</summary>
    public string? CertificateThumbprint { get; set; }

    public TeamsAppType AppType { get; set; } = TeamsAppType.MultiTenant;

    /// <summary>The bot's Entra tenant; required for <see cref="TeamsAppType.SingleTenant"/> and <see cref="TeamsAppType.UserAssignedMSI"/>.</summary>
    public string? TenantId { get; set; }

    /// <summary>When not empty, activities from other tenants are refused with 401.</summary>
    public IList<string> AllowedTenants { get; } = [];

    /// <summary>Bot Framework OpenID metadata (signing keys with endorsements) for channel tokens.</summary>
    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>Issuer of Bot Framework channel tokens.</summary>
    public string TokenIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>
    /// Authority MSAL gets outbound tokens from. Default: <c>https://login.microsoftonline.com/botframework.com</c>
    /// for multi-tenant bots, <c>https://login.microsoftonline.com/{TenantId}</c> otherwise.
    /// </summary>
    public string? TokenAuthority { get; set; }

    /// <summary>Scope of outbound connector tokens.</summary>
    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>
    /// OpenID metadata of the bot's own Entra tenant, for Entra-issued tokens (single-tenant bots).
    /// Default: <c>https://login.microsoftonline.com/{TenantId}/v2.0/.well-known/openid-configuration</c>.
    /// </summary>
    public string? EntraOpenIdMetadataUrl { get; set; }

    /// <summary>Base of Entra issuers, for the stand-in Bot Framework of tests and staging.</summary>
    public string EntraLoginHost { get; set; } = "https://login.microsoftonline.com";

    /// <summary>v1 Entra issuer host (<c>https://sts.windows.net/{tenant}/</c>).</summary>
    public string EntraStsHost { get; set; } = "https://sts.windows.net";

    /// <summary>
    /// Development mode without <see cref="AppId"/>: unauthenticated requests from this machine only, replies only to
    /// <see cref="DevelopmentServiceUrl"/>. Null (not set): on in the Development environment only; false wins over it.
    /// </summary>
    public bool? DevelopmentMode { get; set; }

    /// <summary>The local emulator development mode replies to (scheme, host and port must match an activity's serviceUrl).</summary>
    public string DevelopmentServiceUrl { get; set; } = DefaultDevelopmentServiceUrl;

    /// <summary>How often the OpenID metadata (signing keys) is refreshed in the background.</summary>
    public TimeSpan OpenIdMetadataRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>After a failed metadata fetch, how long tokens are refused without fetching again (forged tokens cannot make the bot hammer the endpoint).</summary>
    public TimeSpan OpenIdMetadataRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Allowed clock skew when checking token lifetimes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the endpoint waits for an answer before replying in the background behind a typing indicator.</summary>
    public TimeSpan InlineAnswerBudget { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an Action.Execute invoke waits for the refreshed card before answering "working on it" (Teams allows a few seconds).</summary>
    public TimeSpan InvokeAnswerBudget { get; set; } = TimeSpan.FromSeconds(3);

    public string ResolveTokenAuthority() =>
        !string.IsNullOrWhiteSpace(TokenAuthority)
            ? TokenAuthority
            : AppType == TeamsAppType.MultiTenant
                ? $"{EntraLoginHost.TrimEnd('/')}/botframework.com"
                : $"{EntraLoginHost.TrimEnd('/')}/{TenantId}";

    public string? ResolveEntraOpenIdMetadataUrl() =>
        !string.IsNullOrWhiteSpace(EntraOpenIdMetadataUrl)
            ? EntraOpenIdMetadataUrl
            : string.IsNullOrWhiteSpace(TenantId)
                ? null
                : $"{EntraLoginHost.TrimEnd('/')}/{TenantId}/v2.0/.well-known/openid-configuration";

    /// <summary>True when inbound authentication is enforced.</summary>
    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(AppId);
}
