using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace FinOps.Slack.Tests.Infrastructure;

/// <summary>One request the fake Slack received: Web API method (or "hook"/"upload"), auth header and body.</summary>
public sealed record RecordedCall(string Method, string? Authorization, string? ContentType, string Body, int Attempt)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public Dictionary<string, StringValues> Form => QueryHelpers.ParseQuery(Body);
}
