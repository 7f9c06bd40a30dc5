namespace FinOps.Storage.Queue;

/// <summary>A one-time step the queue file has been through, e.g. taking over the queue rows of the cost store.</summary>
public sealed class QueueMarkerEntity
{
    public required string Name { get; set; }

    public required string Value { get; set; }

    public DateTimeOffset At { get; set; }
}
