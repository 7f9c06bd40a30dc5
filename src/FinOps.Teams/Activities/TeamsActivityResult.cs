using System.Text.Json.Nodes;

namespace FinOps.Teams.Activities;

/// <summary>What the endpoint answers Teams: an HTTP status and, for invokes, the invoke response body.</summary>
public sealed record TeamsActivityResult(int StatusCode, JsonNode? Body = null)
{
    public static TeamsActivityResult Ok { get; } = new(200);
}
