using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace FinOps.Teams.Auth;

/// <summary>
/// One OpenID metadata document (and its JWKS) cached by a <see cref="ConfigurationManager{T}"/>, plus a
/// forced refresh for a token signed by a key the cache does not know yet (key rotation).
/// </summary>
/// <remarks>
/// Inbound tokens arrive before anyone has checked them, so nothing a token does may cost a metadata fetch each:
/// the forced refresh runs at most once per <see cref="MinimumForcedRefreshInterval"/>, and while the metadata cannot
/// be loaded at all, the last failure is remembered for a retry interval and answered from memory. Until the first
/// load, <see cref="ConfigurationManager{T}"/> fetches on every call, so that memory is what bounds a flood of forged
/// tokens during an outage to one fetch per interval.
/// </remarks>
public sealed class OpenIdMetadataSource : IDisposable
{
    public static readonly TimeSpan MinimumForcedRefreshInterval = TimeSpan.FromMinutes(5);

    private readonly string _address;
    private readonly IDocumentRetriever _retriever;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _retryInterval;
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private volatile bool _loaded;
    private (DateTimeOffset At, Exception Error)? _lastFailure;
    private DateTimeOffset _lastForcedRefresh = DateTimeOffset.MinValue;
    private OpenIdConnectConfiguration? _forced;

    public OpenIdMetadataSource(string address, IDocumentRetriever retriever, TimeProvider timeProvider, TimeSpan refreshInterval, TimeSpan retryInterval)
    {
        _address = address;
        _retriever = retriever;
        _timeProvider = timeProvider;
        _retryInterval = retryInterval;
        _manager = new ConfigurationManager<OpenIdConnectConfiguration>(address, new OpenIdConnectConfigurationRetriever(), retriever)
        {
            AutomaticRefreshInterval = refreshInterval,
            RefreshInterval = MinimumForcedRefreshInterval,
        };
    }

    /// <summary>The cached metadata; throws <see cref="InvalidOperationException"/> while it cannot be loaded.</summary>
    public async Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            // Once loaded, the manager serves the cached copy and refreshes in the background; a failed refresh keeps the old keys.
            return await _manager.GetConfigurationAsync(cancellationToken);
        }

        ThrowIfFailedRecently();
        await _loadLock.WaitAsync(cancellationToken);
        try
        {
            // Callers that queued behind a failing fetch get its failure, not a fetch each.
            ThrowIfFailedRecently();
            try
            {
                var configuration = await _manager.GetConfigurationAsync(cancellationToken);
                _lastFailure = null;
                _loaded = true;
                return configuration;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _lastFailure = (_timeProvider.GetUtcNow(), ex);
                throw Unavailable(ex);
            }
        }
        finally
        {
            _loadLock.Release();
        }
    }

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

    public void Dispose()
    {
        _loadLock.Dispose();
        _refreshLock.Dispose();
    }

    private void ThrowIfFailedRecently()
    {
        if (_lastFailure is { } failure && _timeProvider.GetUtcNow() - failure.At < _retryInterval)
        {
            throw Unavailable(failure.Error);
        }
    }

    private InvalidOperationException Unavailable(Exception cause) =>
        new($"OpenID metadata {_address} could not be loaded; tokens are refused until it can.", cause);
}
