using FinOps.Core.Reliability;

namespace FinOps.Teams.Tests.Fakes;

/// <summary>Claim / complete / release semantics of IIdempotencyStore, without leases expiring (tests do not wait for them).</summary>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly Dictionary<(string, string), (bool Completed, string? Result)> _keys = [];
    private readonly Lock _lock = new();

    public Task<bool> TryClaimAsync(string scope, string key, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_keys.TryAdd((scope, key), (false, null)));
        }
    }

    public Task CompleteAsync(string scope, string key, string? result, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _keys[(scope, key)] = (true, result);
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _keys.Remove((scope, key));
        }

        return Task.CompletedTask;
    }

    public Task<string?> GetResultAsync(string scope, string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_keys.TryGetValue((scope, key), out var entry) && entry.Completed ? entry.Result : null);
        }
    }
}
