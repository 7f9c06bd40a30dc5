using System.Net;
using System.Text.Json;
using FinOps.Bot.Tests.Infrastructure;
using FinOps.Storage.Ingestion;
using FinOps.Storage.Tests.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Bot.Tests;

/// <summary>Issue 17: /readyz lists each ingestion source's freshness; a stale source degrades the details but keeps the bot ready.</summary>
public sealed class IngestionReadinessTests
{
    [Fact]
    public async Task Readyz_SourceStale_DegradedWithEachSourcesFreshnessAndStillOk()
    {
        await using var factory = new BotFactory();
        var folder = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "exports");
        var export = new AwsExportWriter("bucket", "focus", "cur", (key, bytes) => WriteAsync(folder, key, bytes));
        await export.DeliverAsync("2026-03", "exec-1", AwsExportWriter.Gzip(AwsExportWriter.Rows("2026-03", 3, 2m, "i-a")));
        factory.Settings["Demo:SeedOnFirstRun"] = "false";
        factory.Settings["Ingestion:Sources:0:Name"] = "aws-prod";
        factory.Settings["Ingestion:Sources:0:Kind"] = "LocalFolder";
        factory.Settings["Ingestion:Sources:0:Location:Path"] = folder;
        factory.Settings["Ingestion:Sources:0:ExpectedCadence"] = "12:00:00";
        factory.Settings["Ingestion:Sources:0:Credentials:SecretAccessKey"] = "not-a-real-secret-" + Guid.NewGuid().ToString("N");
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        var sync = factory.Services.GetRequiredService<IngestionSync>();
        await sync.SyncAsync(null, null, CancellationToken.None);

        var fresh = await ReadyzAsync(client);
        factory.Time.Advance(TimeSpan.FromHours(13));
        await sync.SyncAsync(null, null, CancellationToken.None);
        var stale = await ReadyzAsync(client);

        Assert.Equal((HttpStatusCode.OK, "ready"), (fresh.Status, fresh.Body.GetProperty("status").GetString()));
        var freshCheck = fresh.Body.GetProperty("checks").GetProperty("ingestion");
        Assert.Equal("healthy", freshCheck.GetProperty("status").GetString());
        Assert.False(freshCheck.GetProperty("data").GetProperty("aws-prod").GetProperty("stale").GetBoolean());

        // Degraded, not unhealthy: a stale export must not take the bot out of rotation.
        Assert.Equal((HttpStatusCode.OK, "degraded"), (stale.Status, stale.Body.GetProperty("status").GetString()));
        var check = stale.Body.GetProperty("checks").GetProperty("ingestion");
        Assert.Equal(("degraded", "stale: aws-prod"), (check.GetProperty("status").GetString(), check.GetProperty("description").GetString()));
        var source = check.GetProperty("data").GetProperty("aws-prod");
        Assert.True(source.GetProperty("stale").GetBoolean());
        Assert.Equal("ok", source.GetProperty("status").GetString());
        Assert.Equal(BotFactory.Now.AddHours(13), source.GetProperty("lastSyncAt").GetDateTimeOffset());
        var account = Assert.Single(source.GetProperty("accounts").EnumerateArray());
        Assert.Equal(("AWS", "111122223333", "2026-03-02"), (account.GetProperty("provider").GetString(), account.GetProperty("billingAccountId").GetString(), account.GetProperty("lastCompleteDay").GetString()));
        Assert.DoesNotContain(factory.Settings["Ingestion:Sources:0:Credentials:SecretAccessKey"]!, stale.Text, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, string Text)> ReadyzAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement, text);
    }

    private static async Task WriteAsync(string folder, string key, byte[] content)
    {
        var path = Path.Combine(folder, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content);
    }
}
