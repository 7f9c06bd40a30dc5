namespace FinOps.Teams;

/// <summary>How the bot's Entra app registration is set up (Azure Bot resource "type").</summary>
public enum TeamsAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMSI,
}
