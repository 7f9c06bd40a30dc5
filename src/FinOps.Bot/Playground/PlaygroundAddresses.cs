namespace FinOps.Bot.Playground;

/// <summary>Conversation ids used by the playground channel.</summary>
public static class PlaygroundAddresses
{
    public const string Channel = "playground";

    /// <summary>The shared channel every open playground tab sees (team digests, alerts).</summary>
    public const string Everyone = "everyone";
}
