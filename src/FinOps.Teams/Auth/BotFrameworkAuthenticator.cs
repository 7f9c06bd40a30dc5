using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace FinOps.Teams.Auth;

/// <summary>
/// Validates the JWT Bot Framework (or the bot's Entra tenant) sends with every activity, as
/// botbuilder's JwtTokenValidation / ChannelValidation do: signature from the OpenID metadata keys,
/// issuer, audience = app id, RS256/384/512, lifetime with skew; then, once the activity is known,
/// the key's endorsements and the serviceurl claim.
/// </summary>
public sealed partial class BotFrameworkAuthenticator : IDisposable
{
    public const string MetadataHttpClientName = "FinOps.Teams.OpenIdMetadata";

    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly TeamsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<BotFrameworkAuthenticator> _logger;
    private readonly OpenIdMetadataSource _botFrameworkMetadata;
    private readonly OpenIdMetadataSource? _entraMetadata;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public BotFrameworkAuthenticator(IOptions<TeamsOptions> options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<BotFrameworkAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        var retriever = new HttpDocumentRetriever(httpClientFactory.CreateClient(MetadataHttpClientName)) { RequireHttps = true };
        _botFrameworkMetadata = new OpenIdMetadataSource(
            _options.OpenIdMetadataUrl, retriever, timeProvider, _options.OpenIdMetadataRefreshInterval, _options.OpenIdMetadataRetryInterval);
        if (_options.ResolveEntraOpenIdMetadataUrl() is { } entraUrl)
        {
            _entraMetadata = new OpenIdMetadataSource(
                entraUrl, retriever, timeProvider, _options.OpenIdMetadataRefreshInterval, _options.OpenIdMetadataRetryInterval);
        }
    }

    /// <summary>Checks the <c>Authorization</c> header alone: scheme, signature, issuer, audience, algorithm and lifetime.</summary>
    public async Task<BotTokenValidation> ValidateHeaderAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        const string Scheme = "Bearer ";
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return BotTokenValidation.Refused("missing Authorization header");
        }

        if (!authorizationHeader.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return BotTokenValidation.Refused("Authorization scheme is not Bearer");
        }

        var token = authorizationHeader[Scheme.Length..].Trim();
        if (!_handler.CanReadToken(token))
        {
            return BotTokenValidation.Refused("token is not a JWT");
        }

        // Which metadata to trust is picked by the (not yet verified) issuer, as botbuilder does;
        // the full validation below then pins the issuer to that choice.
        string? issuer;
        try
        {
            issuer = _handler.ReadJsonWebToken(token).Issuer;
        }
        catch (ArgumentException)
        {
            return BotTokenValidation.Refused("token is malformed");
        }

        var entraIssuers = EntraIssuers();
        if (string.Equals(issuer, _options.TokenIssuer, StringComparison.Ordinal))
        {
            return await ValidateAsync(token, BotTokenKind.BotFramework, _botFrameworkMetadata, [_options.TokenIssuer], cancellationToken);
        }

        if (_entraMetadata is not null && entraIssuers.Contains(issuer, StringComparer.Ordinal))
        {
            return await ValidateAsync(token, BotTokenKind.Entra, _entraMetadata, entraIssuers, cancellationToken);
        }

        return BotTokenValidation.Refused("untrusted issuer");
    }

    /// <summary>
    /// The checks that need the activity: the signing key must be endorsed for its channel, the token's
    /// serviceurl claim must equal its serviceUrl, and its tenant must be allowed.
    /// </summary>
    public string? AuthorizeActivity(BotTokenValidation validation, string? channelId, string? serviceUrl, string? tenantId)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (!validation.IsValid)
        {
            return validation.Failure ?? "invalid token";
        }

        if (validation.Kind == BotTokenKind.BotFramework)
        {
            if (string.IsNullOrEmpty(channelId) || validation.Endorsements is null
                || !validation.Endorsements.Contains(channelId, StringComparer.OrdinalIgnoreCase))
            {
                return "signing key is not endorsed for the activity's channel";
            }

            if (string.IsNullOrEmpty(serviceUrl) || !ServiceUrlsMatch(validation.ServiceUrlClaim, serviceUrl))
            {
                return "serviceurl claim does not match the activity";
            }
        }
        else if (validation.ServiceUrlClaim is { } claimed && !ServiceUrlsMatch(claimed, serviceUrl))
        {
            return "serviceurl claim does not match the activity";
        }

        if (validation.Kind == BotTokenKind.Entra
            && !string.Equals(validation.Identity!.FindFirst("tid")?.Value, _options.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return "Entra token from another tenant";
        }

        if (_options.AllowedTenants.Count > 0
            && (tenantId is null || !_options.AllowedTenants.Contains(tenantId, StringComparer.OrdinalIgnoreCase)))
        {
            return "tenant not allowed";
        }

        return null;
    }

    private static bool ServiceUrlsMatch(string? claimed, string? actual) =>
        claimed is not null && actual is not null
        && string.Equals(claimed.TrimEnd('/'), actual.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private string[] EntraIssuers() =>
        string.IsNullOrWhiteSpace(_options.TenantId)
            ? []
            :
            [
                $"{_options.EntraStsHost.TrimEnd('/')}/{_options.TenantId}/",
                $"{_options.EntraLoginHost.TrimEnd('/')}/{_options.TenantId}/v2.0",
            ];

    private async Task<BotTokenValidation> ValidateAsync(
        string token, BotTokenKind kind, OpenIdMetadataSource metadata, string[] issuers, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await metadata.GetAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            LogMetadataUnavailable(_logger, ex);
            return BotTokenValidation.Refused("OpenID metadata unavailable");
        }

        var result = await _handler.ValidateTokenAsync(token, Parameters(configuration, issuers));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys rotate: an unknown kid refreshes the metadata once, then the token is tried again.
            try
            {
                if (await metadata.RefreshAsync(cancellationToken) is { } refreshed)
                {
                    configuration = refreshed;
                    result = await _handler.ValidateTokenAsync(token, Parameters(configuration, issuers));
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException)
            {
                LogMetadataUnavailable(_logger, ex);
            }
        }

        if (!result.IsValid)
        {
            return BotTokenValidation.Refused(result.Exception?.GetType().Name ?? "invalid token");
        }

        var keyId = (result.SecurityToken as JsonWebToken)?.Kid;
        var endorsements = kind == BotTokenKind.BotFramework ? EndorsementsOf(configuration, keyId) : null;
        return new BotTokenValidation(result.ClaimsIdentity, kind, endorsements, null);
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration, string[] issuers) => new()
    {
        ValidIssuers = issuers,
        ValidateIssuer = true,
        ValidAudience = _options.AppId,
        ValidateAudience = true,
        ValidAlgorithms = AllowedAlgorithms,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = _options.ClockSkew,
        LifetimeValidator = ValidateLifetime,
    };

    // The handler's own lifetime check reads the wall clock; this one reads the injected TimeProvider.
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            return false;
        }

        if (notBefore is { } nbf && nbf > now + parameters.ClockSkew)
        {
            return false;
        }

        return expires.Value >= now - parameters.ClockSkew;
    }

    /// <summary>Bot Framework publishes, per key in its JWKS, the channel ids the key may sign for.</summary>
    private static string[]? EndorsementsOf(OpenIdConnectConfiguration configuration, string? keyId)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var raw) || raw is null)
        {
            return null;
        }

        return raw switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            IEnumerable<object> items => [.. items.Select(i => i is JsonElement e ? e.ToString() : i?.ToString()).OfType<string>()],
            string single => [single],
            _ => null,
        };
    }

    public void Dispose()
    {
        _botFrameworkMetadata.Dispose();
        _entraMetadata?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework OpenID metadata could not be loaded")]
    private static partial void LogMetadataUnavailable(ILogger logger, Exception exception);
}
