using System.Text.Json.Serialization;
using FinOps.Conversation.Cards;

namespace FinOps.Conversation.Charts;

/// <summary>Compact JSON for chart specs in signed image URLs.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChartSpec))]
public sealed partial class ChartJsonContext : JsonSerializerContext;
