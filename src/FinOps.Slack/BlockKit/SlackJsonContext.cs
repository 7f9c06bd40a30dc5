using System.Text.Json.Serialization;

namespace FinOps.Slack.BlockKit;

/// <summary>Compact JSON for button values.</summary>
[JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class SlackJsonContext : JsonSerializerContext;
