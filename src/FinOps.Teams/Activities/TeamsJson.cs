using System.Text.Json;
using System.Text.Json.Serialization;

namespace FinOps.Teams.Activities;

/// <summary>JSON settings of the Bot Framework wire format: camelCase, nulls omitted.</summary>
public static class TeamsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
