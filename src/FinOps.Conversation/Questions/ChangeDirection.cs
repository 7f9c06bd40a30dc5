namespace FinOps.Conversation.Questions;

/// <summary>Which changes a ranking question asks about: "which team grew the most" (Up), "... shrank the most" (Down), or any.</summary>
public enum ChangeDirection
{
    /// <summary>The largest changes either way ("why did spend change").</summary>
    Any,

    /// <summary>Only increases count: the answer names something that really grew, or says nothing did.</summary>
    Up,

    /// <summary>Only decreases count.</summary>
    Down,
}
