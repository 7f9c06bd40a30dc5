namespace FinOps.Teams.Connector;

/// <summary>Access tokens the bot presents to the Bot Connector service.</summary>
public interface IBotTokenProvider
{
    /// <summary>A bearer token, or null in development mode (no app id): then only loopback connectors (local simulators) are called.</summary>
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}
