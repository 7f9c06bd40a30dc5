using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace FinOps.Bot.Tests.Infrastructure;

/// <summary>The playground's JSON API as the page calls it.</summary>
public static class PlaygroundClient
{
    public const string FinOpsLead = "U0FINOPSLD1";

    public static Task<HttpResponseMessage> AskAsync(HttpClient client, string? user, string text) =>
        client.PostAsJsonAsync(new Uri("/playground/api/messages", UriKind.Relative), new { user, text });

    public static Task<HttpResponseMessage> ClickAsync(HttpClient client, string user, string messageId, string actionId, JsonObject? payload = null) =>
        client.PostAsJsonAsync(new Uri("/playground/api/actions", UriKind.Relative), new { user, messageId, actionId, payload });

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }
}
