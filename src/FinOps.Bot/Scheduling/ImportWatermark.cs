namespace FinOps.Bot.Scheduling;

/// <summary>
/// The last import time a job ran for (in this process; a restart runs once more, which is harmless).
/// Each <see cref="ImportFollowingJob"/> has its own, as <see cref="ImportWatermark{TJob}"/>.
/// </summary>
public class ImportWatermark
{
    private readonly Lock _gate = new();
    private bool _evaluated;
    private DateTimeOffset? _lastImportedAt;

    /// <summary>True when the job never ran in this process or <paramref name="lastImportedAt"/> is a newer import.</summary>
    public bool HasChanged(DateTimeOffset? lastImportedAt)
    {
        lock (_gate)
        {
            return !_evaluated || lastImportedAt != _lastImportedAt;
        }
    }

    public void Evaluated(DateTimeOffset? lastImportedAt)
    {
        lock (_gate)
        {
            _evaluated = true;
            _lastImportedAt = lastImportedAt;
        }
    }
}

/// <summary>The watermark of <typeparamref name="TJob"/> (one singleton per job).</summary>
public sealed class ImportWatermark<TJob> : ImportWatermark
    where TJob : ImportFollowingJob;
