namespace FinOps.Teams.Connector;

/// <summary>Outgoing limits per conversation and per tenant.</summary>
/// <param name="PerConversationBurst">Operations per <paramref name="BurstPeriod"/> in one conversation.</param>
/// <param name="BurstPeriod">Period of the burst limit.</param>
/// <param name="PerConversationWindow">Operations per <paramref name="Window"/> in one conversation.</param>
/// <param name="Window">Sliding window of the sustained limit.</param>
/// <param name="PerTenant">Operations per <paramref name="BurstPeriod"/> across a tenant.</param>
public sealed record ConnectorPacing(int PerConversationBurst, TimeSpan BurstPeriod, int PerConversationWindow, TimeSpan Window, int PerTenant)
{
    /// <summary>Teams' published bot limits: about 7 per second and 60 per 30 seconds per conversation, about 30 per second per tenant.</summary>
    public static ConnectorPacing Teams { get; } = new(7, TimeSpan.FromSeconds(1), 60, TimeSpan.FromSeconds(30), 30);
}
