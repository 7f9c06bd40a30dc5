using System.Text.Json.Nodes;

namespace FinOps.Bot.Tests.Infrastructure;

/// <summary>One request a <see cref="RecordingServer"/> received, and what it answered.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, string? ContentType, string Body, JsonObject Answer)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
}
