namespace FinOps.Teams.Connector;

/// <summary>Access tokens the bot presents to the Bot Connector service.</summary>
public interface IBotTokenProvider
{
    Task<string> GetTokenAsync(CancellationToken cancellationToken);
}
