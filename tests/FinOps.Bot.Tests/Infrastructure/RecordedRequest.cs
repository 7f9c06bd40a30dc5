using System.Text.Json.Nodes;

namespace FinOps.Bot.Tests.Infrastructure;

/// <summary>One request a <see cref="RecordingServer"/> received.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, string? ContentType, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
}
