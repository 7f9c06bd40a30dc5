namespace FinOps.Teams.Auth;

/// <summary>Who issued a validated inbound token.</summary>
public enum BotTokenKind
{
    /// <summary>The Bot Framework channel service (issuer <c>https://api.botframework.com</c>).</summary>
    BotFramework,

    /// <summary>The bot's own Entra tenant (single-tenant bots).</summary>
    Entra,
}
