using FinOps.Core.Reliability;

namespace FinOps.Testing;

/// <summary>
/// A simulated crash of one host: once <see cref="Die"/> is called, everything that host would still write (queue outcomes,
/// idempotency records, HTTP calls) fails, as if the process were gone; a new host over the same stores is the restart.
/// </summary>
public sealed class ProcessDeath
{
    private int _dead;

    public bool IsDead => Volatile.Read(ref _dead) == 1;

    public void Die() => Interlocked.Exchange(ref _dead, 1);

    /// <summary>Waits (bounded, as a failure guard) until the host has died.</summary>
    public async Task WaitAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!IsDead)
        {
            await Task.Delay(10, guard.Token);
        }
    }

    public void ThrowIfDead()
    {
        if (IsDead)
        {
            throw new ProcessDiedException();
        }
    }
}

/// <summary>What a dead host's code sees instead of its stores and network.</summary>
public sealed class ProcessDiedException : Exception
{
    public ProcessDiedException()
        : base("The simulated process has died.")
    {
    }

    public ProcessDiedException(string message)
        : base(message)
    {
    }

    public ProcessDiedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Where a crash happens in an HTTP call: before the request leaves, or after the platform took it but before the answer is seen.</summary>
public enum DeathPoint
{
    BeforeSend,
    AfterSend,
}

/// <summary>
/// Kills the host at the first request <paramref name="matches"/> accepts: before it is sent (the platform sees nothing) or
/// after the platform answered (the platform has it; the host never learns). Every later request of the dead host fails.
/// </summary>
public sealed class DyingHandler(ProcessDeath death, DeathPoint point, Func<HttpRequestMessage, bool> matches) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        death.ThrowIfDead();
        if (!matches(request))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (point == DeathPoint.BeforeSend)
        {
            death.Die();
            throw new ProcessDiedException();
        }

        using var response = await base.SendAsync(request, cancellationToken);
        death.Die();
        throw new ProcessDiedException();
    }
}

/// <summary>An <see cref="IWorkQueue"/> of a host that can die: reads and writes fail once it has; it may die on marking an item sent.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Wraps an IWorkQueue and is named after it.")]
public sealed class DyingWorkQueue(IWorkQueue inner, ProcessDeath death, bool dieOnMarkSent = false) : IWorkQueue
{
    private readonly System.Threading.Channels.Channel<long> _sent = System.Threading.Channels.Channel.CreateUnbounded<long>();

    /// <summary>Waits (bounded, as a failure guard) until an item is marked sent through this outbox; returns its id.</summary>
    public async Task<long> NextSentAsync() => await _sent.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));

    public Task<bool> EnqueueAsync(string channel, string idempotencyKey, string payload, CancellationToken cancellationToken)
    {
        death.ThrowIfDead();
        return inner.EnqueueAsync(channel, idempotencyKey, payload, cancellationToken);
    }

    public Task<IReadOnlyList<QueuedWork>> GetDueAsync(string channel, int max, CancellationToken cancellationToken)
    {
        death.ThrowIfDead();
        return inner.GetDueAsync(channel, max, cancellationToken);
    }

    public Task<bool> TryClaimAsync(long id, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        death.ThrowIfDead();
        return inner.TryClaimAsync(id, owner, lease, cancellationToken);
    }

    public async Task MarkSentAsync(long id, string? result, CancellationToken cancellationToken)
    {
        if (dieOnMarkSent)
        {
            death.Die();
        }

        death.ThrowIfDead();
        await inner.MarkSentAsync(id, result, cancellationToken);
        _sent.Writer.TryWrite(id);
    }

    public Task MarkFailedAsync(long id, string failure, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        death.ThrowIfDead();
        return inner.MarkFailedAsync(id, failure, retryAt, cancellationToken);
    }

    public Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int max, CancellationToken cancellationToken)
    {
        death.ThrowIfDead();
        return inner.GetDeadLettersAsync(max, cancellationToken);
    }

    public Task<int> CountDeadLettersAsync(CancellationToken cancellationToken)
    {
        death.ThrowIfDead();
        return inner.CountDeadLettersAsync(cancellationToken);
    }

    public Task<int> PurgeAsync(DateTimeOffset sentBefore, DateTimeOffset deadBefore, CancellationToken cancellationToken)
    {
        death.ThrowIfDead();
        return inner.PurgeAsync(sentBefore, deadBefore, cancellationToken);
    }
}

/// <summary>An <see cref="IIdempotencyStore"/> of a host that can die: nothing is read or recorded once it has.</summary>
public sealed class DyingIdempotencyStore(IIdempotencyStore inner, ProcessDeath death) : IIdempotencyStore
{
    public Task<bool> TryClaimAsync(string scope, string key, TimeSpan lease, CancellationToken cancellationToken)
    {
        death.ThrowIfDead();
        return inner.TryClaimAsync(scope, key, lease, cancellationToken);
    }

    public Task CompleteAsync(string scope, string key, string? result, CancellationToken cancellationToken)
    {
        death.ThrowIfDead();
        return inner.CompleteAsync(scope, key, result, cancellationToken);
    }

    public Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken)
    {
        death.ThrowIfDead();
        return inner.ReleaseAsync(scope, key, cancellationToken);
    }

    public Task<string?> GetResultAsync(string scope, string key, CancellationToken cancellationToken)
    {
        death.ThrowIfDead();
        return inner.GetResultAsync(scope, key, cancellationToken);
    }
}
