namespace FinOps.Core.Reliability;

/// <summary>A process-local <see cref="IWorkQueue"/> for tests and single-instance runs without a database.</summary>
/// <remarks>Messages survive platform outages but not a restart of the process; the database-backed queue survives both.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue: durable queued work with claims, named for what it holds.")]
public sealed class InMemoryWorkQueue : IWorkQueue
{
    private readonly TimeProvider _timeProvider;
    private readonly List<Entry> _entries = [];
    private readonly Lock _gate = new();
    private long _nextId;

    public InMemoryWorkQueue(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    public Task<bool> EnqueueAsync(string channel, string idempotencyKey, string payload, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.Exists(e => e.Channel == channel && e.IdempotencyKey == idempotencyKey))
            {
                return Task.FromResult(false);
            }

            var now = _timeProvider.GetUtcNow();
            _entries.Add(new Entry(++_nextId, channel, idempotencyKey, payload) { DueAt = now, CreatedAt = now });
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<QueuedWork>> GetDueAsync(string channel, int max, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            IReadOnlyList<QueuedWork> due = _entries
                .Where(e => e.Channel == channel && e.State == EntryState.Pending && e.DueAt <= now && (e.ClaimedBy is null || e.LeaseUntil <= now))
                .OrderBy(e => e.Id)
                .Take(max)
                .Select(e => new QueuedWork(e.Id, e.Channel, e.IdempotencyKey, e.Payload, e.Attempts, e.LastError) { Abandoned = e.ClaimedBy is not null })
                .ToList();
            return Task.FromResult(due);
        }
    }

    public Task<bool> TryClaimAsync(long id, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            var entry = _entries.Find(e => e.Id == id);
            if (entry is null || entry.State != EntryState.Pending || entry.DueAt > now || (entry.ClaimedBy is not null && entry.LeaseUntil > now))
            {
                return Task.FromResult(false);
            }

            entry.ClaimedBy = owner;
            entry.LeaseUntil = now + lease;
            return Task.FromResult(true);
        }
    }

    public Task MarkSentAsync(long id, string? result, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var entry = Find(id);
            entry.ClaimedBy = null;
            entry.State = EntryState.Sent;
            entry.Result = result;
            entry.FinishedAt = _timeProvider.GetUtcNow();
        }

        return Task.CompletedTask;
    }

    public Task MarkFailedAsync(long id, string failure, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var entry = Find(id);
            entry.ClaimedBy = null;
            entry.Attempts++;
            entry.LastError = failure;
            if (retryAt is { } at)
            {
                entry.DueAt = at;
            }
            else
            {
                entry.State = EntryState.Dead;
                entry.FinishedAt = _timeProvider.GetUtcNow();
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        lock (_gate)
        {
            IReadOnlyList<DeadLetter> dead = _entries
                .Where(e => e.State == EntryState.Dead)
                .OrderByDescending(e => e.FinishedAt)
                .ThenByDescending(e => e.Id)
                .Take(max)
                .Select(e => new DeadLetter(e.Id, e.Channel, e.IdempotencyKey, e.Attempts, e.LastError, e.CreatedAt, e.FinishedAt))
                .ToList();
            return Task.FromResult(dead);
        }
    }

    public Task<int> CountDeadLettersAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_entries.Count(e => e.State == EntryState.Dead));
        }
    }

    public Task<int> PurgeAsync(DateTimeOffset sentBefore, DateTimeOffset deadBefore, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var purged = _entries.RemoveAll(e =>
                (e.State == EntryState.Sent && e.FinishedAt < sentBefore) || (e.State == EntryState.Dead && e.FinishedAt < deadBefore));
            return Task.FromResult(purged);
        }
    }

    /// <summary>Messages not yet delivered nor given up, for diagnostics and tests.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count(e => e.State == EntryState.Pending);
            }
        }
    }

    private Entry Find(long id) =>
        _entries.Find(e => e.Id == id) ?? throw new KeyNotFoundException($"Queued work {id} does not exist.");

    private enum EntryState
    {
        Pending,
        Sent,
        Dead,
    }

    private sealed class Entry(long id, string channel, string idempotencyKey, string payload)
    {
        public long Id { get; } = id;
        public string Channel { get; } = channel;
        public string IdempotencyKey { get; } = idempotencyKey;
        public string Payload { get; } = payload;
        public int Attempts { get; set; }
        public string? LastError { get; set; }
        public string? Result { get; set; }
        public DateTimeOffset DueAt { get; set; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? FinishedAt { get; set; }
        public string? ClaimedBy { get; set; }
        public DateTimeOffset LeaseUntil { get; set; }
        public EntryState State { get; set; }
    }
}
