namespace FinOps.Teams.Connector;

/// <summary>A conversation member as the Bot Connector's member lookup returns it (Teams channel account).</summary>
public sealed class TeamsMember
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? AadObjectId { get; set; }

    public string? Email { get; set; }

    public string? UserPrincipalName { get; set; }

    public string? TenantId { get; set; }
}
