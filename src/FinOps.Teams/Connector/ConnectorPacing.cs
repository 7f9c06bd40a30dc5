namespace FinOps.Teams.Connector;

/// <summary>Outgoing limits: every window per conversation (per bot per thread), and one across a tenant.</summary>
/// <param name="PerConversation">Each (operations, window) limit that applies to one conversation.</param>
/// <param name="PerTenant">The limit across all conversations of one tenant.</param>
public sealed record ConnectorPacing(IReadOnlyList<PacingWindow> PerConversation, PacingWindow PerTenant)
{
    /// <summary>
    /// Teams' published limits for sending to a conversation (per bot per thread: 7 per second, 8 per 2 seconds,
    /// 60 per 30 seconds, 1,800 per hour) and, per app per tenant, 30 a second (below the published 50 requests a
    /// second, which also counts the bot's other calls).
    /// </summary>
    public static ConnectorPacing Teams { get; } = new(
        [
            new PacingWindow(7, TimeSpan.FromSeconds(1)),
            new PacingWindow(8, TimeSpan.FromSeconds(2)),
            new PacingWindow(60, TimeSpan.FromSeconds(30)),
            new PacingWindow(1800, TimeSpan.FromHours(1)),
        ],
        new PacingWindow(30, TimeSpan.FromSeconds(1)));
}

/// <summary>At most <paramref name="Operations"/> in any span of <paramref name="Window"/>.</summary>
public sealed record PacingWindow(int Operations, TimeSpan Window);
