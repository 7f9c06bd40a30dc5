using System.Text.Json.Serialization;

namespace FinOps.Storage.Anomalies;

/// <summary>Source-generated JSON for <see cref="AnomalyAlertDetails"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AnomalyAlertDetails))]
internal sealed partial class AnomalyAlertJsonContext : JsonSerializerContext;
