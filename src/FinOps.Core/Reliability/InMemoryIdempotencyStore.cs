namespace FinOps.Core.Reliability;

/// <summary>A process-local <see cref="IIdempotencyStore"/> for tests and single-instance runs without a database.</summary>
/// <remarks>
/// Claims are leases: an uncompleted claim expires after its lease so a retry after a crashed worker is processed.
/// Completed keys are kept for <c>retention</c> (default 24 hours, longer than any chat platform's retry schedule).
/// Nothing survives a restart; the database-backed store does.
/// </remarks>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private const int SweepEvery = 1024;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _retention;
    private readonly Dictionary<(string Scope, string Key), Entry> _entries = [];
    private readonly Lock _gate = new();
    private int _writesSinceSweep;

    public InMemoryIdempotencyStore(TimeProvider timeProvider)
        : this(timeProvider, TimeSpan.FromHours(24))
    {
    }

    public InMemoryIdempotencyStore(TimeProvider timeProvider, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        _timeProvider = timeProvider;
        _retention = retention;
    }

    public Task<bool> TryClaimAsync(string scope, string key, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            SweepIfDue(now);
            if (_entries.TryGetValue((scope, key), out var entry) && entry.ExpiresAt > now)
            {
                return Task.FromResult(false);
            }

            _entries[(scope, key)] = new Entry(Completed: false, now + lease, Result: null);
            return Task.FromResult(true);
        }
    }

    public Task CompleteAsync(string scope, string key, string? result, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            SweepIfDue(now);
            _entries[(scope, key)] = new Entry(Completed: true, now + _retention, result);
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue((scope, key), out var entry) && !entry.Completed)
            {
                _entries.Remove((scope, key));
            }
        }

        return Task.CompletedTask;
    }

    public Task<string?> GetResultAsync(string scope, string key, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            return Task.FromResult(
                _entries.TryGetValue((scope, key), out var entry) && entry.Completed && entry.ExpiresAt > now
                    ? entry.Result
                    : null);
        }
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        if (++_writesSinceSweep < SweepEvery)
        {
            return;
        }

        _writesSinceSweep = 0;
        foreach (var (key, entry) in _entries.ToList())
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.Remove(key);
            }
        }
    }

    private sealed record Entry(bool Completed, DateTimeOffset ExpiresAt, string? Result);
}
