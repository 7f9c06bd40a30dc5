namespace FinOps.Bot.Scheduling;

/// <summary>The last import time anomalies were detected for (in this process; a restart detects once more, which is harmless).</summary>
public sealed class AnomalyImportWatermark
{
    private readonly Lock _gate = new();
    private bool _evaluated;
    private DateTimeOffset? _lastImportedAt;

    /// <summary>True when detection never ran in this process or <paramref name="lastImportedAt"/> is a newer import.</summary>
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
