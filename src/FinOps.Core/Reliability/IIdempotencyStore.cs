namespace FinOps.Core.Reliability;

/// <summary>Makes a side effect happen once, across retries and restarts.</summary>
/// <remarks>
/// A worker claims a key for a lease before doing the work and completes it afterwards. A second
/// claim of a completed key fails for as long as the key is retained; a claim whose lease expired
/// (the first worker died) succeeds, so a retry after a crash is processed, not dropped.
/// </remarks>
public interface IIdempotencyStore
{
    /// <summary>True when the caller now owns <paramref name="key"/> in <paramref name="scope"/> and must do the work.</summary>
    Task<bool> TryClaimAsync(string scope, string key, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Marks the work done; <paramref name="result"/> (e.g. the posted message id) is kept with it.</summary>
    Task CompleteAsync(string scope, string key, string? result, CancellationToken cancellationToken);

    /// <summary>Gives the key back after a failure so the next delivery can try again.</summary>
    Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken);

    /// <summary>The stored result of a completed key, or null when not completed.</summary>
    Task<string?> GetResultAsync(string scope, string key, CancellationToken cancellationToken);
}
