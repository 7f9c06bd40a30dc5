using FinOps.Bot.Tests.Infrastructure;
using FinOps.Storage.Tests.Ingestion;

namespace FinOps.Bot.Tests;

/// <summary>Issue 17: "refresh the cost data" in the playground on the real host syncs the configured sources for an admin only.</summary>
public sealed class PlaygroundRefreshTests
{
    [Fact]
    public async Task Ask_RefreshTheCostData_AdminSyncsEverySourceOthersAreRefused()
    {
        await using var factory = new BotFactory();
        var folder = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "exports");
        var export = new AwsExportWriter("bucket", "focus", "cur", async (key, bytes) =>
        {
            var path = Path.Combine(folder, key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes);
        });
        await export.DeliverAsync("2026-03", "exec-1", AwsExportWriter.Gzip(AwsExportWriter.Rows("2026-03", 3, 2m, "i-a")));
        factory.Settings["Ingestion:Sources:0:Name"] = "aws-drop";
        factory.Settings["Ingestion:Sources:0:Kind"] = "LocalFolder";
        factory.Settings["Ingestion:Sources:0:Location:Path"] = folder;
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();

        // Priya owns payments in the demo directory; Grace (the FinOps lead) is its admin.
        var refused = await PlaygroundClient.ReadJsonAsync(await PlaygroundClient.AskAsync(client, "U0PAYMENTS1", "refresh the cost data"));
        var first = await PlaygroundClient.ReadJsonAsync(await PlaygroundClient.AskAsync(client, PlaygroundClient.FinOpsLead, "refresh the cost data"));
        var second = await PlaygroundClient.ReadJsonAsync(await PlaygroundClient.AskAsync(client, PlaygroundClient.FinOpsLead, "sync the cost data now"));

        Assert.Equal("Sorry, only admins can refresh the cost data. Please ask an admin: Grace Adeyemi. The data also refreshes by itself on each source's schedule.", refused["fallbackText"]!.GetValue<string>());
        Assert.Equal("ingestion.refresh", first["kind"]!.GetValue<string>());
        Assert.Equal("Cost data refreshed from 1 source. aws-drop: 1 run imported (3 rows), 0 runs unchanged.", first["fallbackText"]!.GetValue<string>());
        Assert.Contains("aws-drop: 1 run imported (3 rows)", first["blockKit"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Cost data refreshed from 1 source. aws-drop: nothing new (1 run unchanged).", second["fallbackText"]!.GetValue<string>());
    }
}
