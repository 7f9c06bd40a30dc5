namespace FinOps.Teams.Connector;

/// <summary>A team channel as the connector lists it; General has no name.</summary>
public sealed class TeamsChannelInfo
{
    public string? Id { get; set; }

    public string? Name { get; set; }
}
