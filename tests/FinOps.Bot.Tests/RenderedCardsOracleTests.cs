using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FinOps.Bot.Tests.Infrastructure;

namespace FinOps.Bot.Tests;

/// <summary>
/// Every kind of card the real pipeline produces (tables, charts, drivers, forecasts, ask-backs, digests, help),
/// as Teams and Slack would receive it, passes Microsoft's and Slack's own libraries - not only the sample goldens.
/// </summary>
public sealed class RenderedCardsOracleTests : IDisposable
{
    private const string PaymentsOwner = "U0PAYMENTS1";

    private static readonly (string User, string Question)[] Questions =
    [
        (PlaygroundClient.FinOpsLead, "cost by team last month"),
        (PlaygroundClient.FinOpsLead, "top 5 services this month"),
        (PlaygroundClient.FinOpsLead, "daily trend for ml last 30 days"),
        (PlaygroundClient.FinOpsLead, "why did checkout change last week?"),
        (PlaygroundClient.FinOpsLead, "last month vs the month before by provider"),
        (PlaygroundClient.FinOpsLead, "forecast for this month"),
        (PlaygroundClient.FinOpsLead, "how much is unallocated this month?"),
        (PlaygroundClient.FinOpsLead, "when was the data last refreshed?"),
        (PlaygroundClient.FinOpsLead, "VMs cost last month"),
        (PlaygroundClient.FinOpsLead, "what is the meaning of life"),
        (PlaygroundClient.FinOpsLead, "help"),
        (PlaygroundClient.FinOpsLead, "any anomalies last week?"),
        (PlaygroundClient.FinOpsLead, "why did storage spike yesterday?"),
        (PaymentsOwner, "open anomalies for payments"),
        (PaymentsOwner, "send me the weekly digest now"),
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("finops-rendered-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task EveryCardKindOfThePipeline_PassesTheAdaptiveCardAndBlockKitOracles()
    {
        await using var factory = new BotFactory();
        // Charts become signed image links only with a public base URL; set one so Image elements are checked too.
        factory.Settings["Charts:PublicBaseUrl"] = "https://finops.example.com/";
        factory.Settings["Charts:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();

        var adaptive = Directory.CreateDirectory(Path.Combine(_directory, "adaptive")).FullName;
        var slack = Directory.CreateDirectory(Path.Combine(_directory, "slack")).FullName;
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Questions.Length; i++)
        {
            var (user, question) = Questions[i];
            var reply = await PlaygroundClient.ReadJsonAsync(await PlaygroundClient.AskAsync(client, user, question));
            kinds.Add(reply["kind"]!.GetValue<string>());
            await File.WriteAllTextAsync(Path.Combine(adaptive, $"{i:00}.json"), reply["adaptiveCard"]!.ToJsonString());
            await File.WriteAllTextAsync(Path.Combine(slack, $"{i:00}.json"), reply["blockKit"]!.ToJsonString());
        }

        Assert.Contains("digest.weekly", kinds);
        Assert.Contains("anomalies", kinds);
        Assert.True(kinds.Count >= 3, "expected several card kinds, got: " + string.Join(", ", kinds));
        var (adaptiveCode, adaptiveOutput) = CardOracle.Check("adaptive", adaptive);
        Assert.True(adaptiveCode == 0, "Adaptive Card oracle rejected a card:\n" + adaptiveOutput);
        var (slackCode, slackOutput) = CardOracle.Check("slack", slack);
        Assert.True(slackCode == 0, "Block Kit oracle rejected a message:\n" + slackOutput);
    }
}
