namespace FinOps.Conversation.Rendering;

/// <summary>Which way a change goes. For costs, <see cref="Up"/> is the direction that needs attention.</summary>
public enum DeltaDirection
{
    Flat,
    Up,
    Down,
}
