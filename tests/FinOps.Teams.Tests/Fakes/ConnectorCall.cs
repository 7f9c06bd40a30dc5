using System.Text.Json.Nodes;

namespace FinOps.Teams.Tests.Fakes;

/// <summary>A call the bot made to the fake Bot Connector: method, raw (still escaped) path, bearer header and JSON body.</summary>
public sealed record ConnectorCall(string Method, string RawPath, string? Authorization, JsonNode? Body);
