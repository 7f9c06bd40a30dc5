using System.Text.Json.Nodes;
using FinOps.Conversation.Cards;
using FinOps.Teams.Activities;
using FinOps.Teams.Connector;
using FinOps.Teams.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Teams.Tests;

/// <summary>What the bot sends (activities, create-conversation bodies, invoke responses) type-checks against @microsoft/teams.api.</summary>
public sealed class OutgoingPayloadTests : IAsyncLifetime, IDisposable
{
    private static readonly Card Digest = new("digest", "Daily digest", [new TitleBlock("Daily digest")]);
    private readonly string _directory = Directory.CreateTempSubdirectory("teams-payloads-").FullName;
    private FakeBotFramework _bf = null!;
    private BotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _bf = await FakeBotFramework.StartAsync();
        _bot = await BotHost.StartAsync(_bf);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _bf.DisposeAsync();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task OutgoingPayloads_AllScenarios_MatchTeamsApiTypes()
    {
        var token = "Bearer " + _bf.CreateToken(_bot.Time.GetUtcNow(), BotHost.AppId);
        await TeamsEndpointsTests.PostAsync(_bot, Activities.Message(_bf.ServiceUrl, "top services"), token);
        Save("message.reply", (await _bf.NextCallAsync()).Body!);

        var submit = Activities.Message(_bf.ServiceUrl, string.Empty);
        submit.Remove("text");
        submit["replyToId"] = "card-1";
        submit["value"] = new JsonObject { ["verb"] = "budget.approve", ["budgetId"] = "b-1" };
        await TeamsEndpointsTests.PostAsync(_bot, submit, token);
        Save("message.update", (await _bf.NextCallAsync()).Body!);

        var invoke = await TeamsEndpointsTests.PostAsync(_bot, Activities.ExecuteInvoke(_bf.ServiceUrl, "budget.reject", new JsonObject { ["budgetId"] = "b-2" }), token);
        Save("invokeResponse.card", JsonNode.Parse(await invoke.Content.ReadAsStringAsync())!);
        var badInvoke = Activities.ExecuteInvoke(_bf.ServiceUrl, "x", new JsonObject());
        badInvoke["value"]!["action"]!.AsObject().Remove("verb");
        var error = await TeamsEndpointsTests.PostAsync(_bot, badInvoke, token);
        Save("invokeError.missing-verb", JsonNode.Parse(await error.Content.ReadAsStringAsync())!);

        var sender = _bot.App.Services.GetRequiredService<TeamsProactiveSender>();
        await sender.SendToUserAsync(_bf.ServiceUrl, FakeBotFramework.TenantId, Activities.BotId, Activities.UserId, Digest, "k1", CancellationToken.None);
        Save("createConversation.personal", (await _bf.NextCallAsync()).Body!);
        Save("message.proactive", (await _bf.NextCallAsync()).Body!);
        var team = new Conversations.TeamsConversationReference(
            "19:general@thread.tacv2", _bf.ServiceUrl, "channel", FakeBotFramework.TenantId, Activities.BotId, null, null, "19:team@thread.tacv2", null, _bot.Time.GetUtcNow());
        await sender.PostToChannelAsync(team, "19:costs@thread.tacv2", Digest, "k2", CancellationToken.None);
        Save("createConversation.channel", (await _bf.NextCallAsync()).Body!);

        using var scope = _bot.App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<BotConnectorClient>().SendTypingAsync(
            new ConnectorTarget(_bf.ServiceUrl, Activities.PersonalConversationId, FakeBotFramework.TenantId), ChannelAccount.Bot(Activities.BotId), CancellationToken.None);
        Save("typing.indicator", (await _bf.NextCallAsync()).Body!);

        var oracle = Path.Combine(TeamsAppPackageTests.RepositoryRoot(), "tests", "oracles", "teams-activities");
        if (!Directory.Exists(Path.Combine(oracle, "node_modules")))
        {
            var install = TeamsAppPackageTests.Run(oracle, "npm", "ci --no-audit --no-fund");
            Assert.True(install.ExitCode == 0, install.Output);
        }

        var (exitCode, output) = TeamsAppPackageTests.Run(oracle, "node", $"check.mjs \"{_directory}\"");
        Assert.True(exitCode == 0, output);
    }

    private void Save(string name, JsonNode payload) =>
        File.WriteAllText(Path.Combine(_directory, name + ".json"), payload.ToJsonString());
}
