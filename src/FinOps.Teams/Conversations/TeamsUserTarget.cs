namespace FinOps.Teams.Conversations;

/// <summary>A user to message 1:1 who may have no personal conversation with the bot yet.</summary>
/// <param name="ServiceUrl">The connector endpoint of the user's region (from any reference or channel of the tenant).</param>
/// <param name="TenantId">The user's tenant.</param>
/// <param name="BotId">The bot's id (<c>28:{appId}</c>).</param>
/// <param name="UserId">The user's Entra object id (or Teams id <c>29:...</c>).</param>
public sealed record TeamsUserTarget(string ServiceUrl, string TenantId, string BotId, string UserId);
