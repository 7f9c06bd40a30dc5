using System.Text.Json.Serialization;

namespace FinOps.Conversation.Rendering;

/// <summary>Compact JSON for button payloads in HTML attributes.</summary>
[JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class RenderingJsonContext : JsonSerializerContext;
