using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace FinOps.Teams.Auth;

/// <summary>
/// One OpenID metadata document (and its JWKS) cached by a <see cref="ConfigurationManager{T}"/>, plus a
/// forced refresh for a token signed by a key the cache does not know yet (key rotation). The manager
/// refreshes in the background, so the forced refresh fetches directly, at most once per
/// <see cref="MinimumForcedRefreshInterval"/>: unknown key ids from forged tokens cannot make the bot hammer the metadata endpoint.
/// </summary>
public sealed class OpenIdMetadataSource : IDisposable
{
    public static readonly TimeSpan MinimumForcedRefreshInterval = TimeSpan.FromMinutes(5);

    private readonly string _address;
    private readonly IDocumentRetriever _retriever;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private DateTimeOffset _lastForcedRefresh = DateTimeOffset.MinValue;
    private OpenIdConnectConfiguration? _forced;

    public OpenIdMetadataSource(string address, IDocumentRetriever retriever, TimeProvider timeProvider)
    {
        _address = address;
        _retriever = retriever;
        _timeProvider = timeProvider;
        _manager = new ConfigurationManager<OpenIdConnectConfiguration>(address, new OpenIdConnectConfigurationRetriever(), retriever);
    }

    public Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken) => _manager.GetConfigurationAsync(cancellationToken);

    /// <summary>Fresh metadata after an unknown key id, or the last forced fetch when one happened within the interval.</summary>
    public async Task<OpenIdConnectConfiguration?> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            var now = _timeProvider.GetUtcNow();
            if (now - _lastForcedRefresh < MinimumForcedRefreshInterval)
            {
                return _forced;
            }

            _lastForcedRefresh = now;
            _forced = await OpenIdConnectConfigurationRetriever.GetAsync(_address, _retriever, cancellationToken);
            _manager.RequestRefresh();
            return _forced;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    public void Dispose() => _refreshLock.Dispose();
}
