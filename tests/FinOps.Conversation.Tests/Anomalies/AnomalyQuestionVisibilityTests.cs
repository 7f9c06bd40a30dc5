using FinOps.Conversation.Anomalies;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Digests;
using FinOps.Conversation.Messaging;
using FinOps.Conversation.Visibility;
using FinOps.Core.Allocation;
using FinOps.Core.Query;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Anomalies;

/// <summary>Anomaly questions through the whole conversation service: <c>Visibility:Mode</c> hides other teams' incidents.</summary>
public sealed class AnomalyQuestionVisibilityTests
{
    private const string Rules = """
        version: 1
        roles:
          finance: [fiona@corp.example]
        teams:
          - key: payments
            owners: [pat@corp.example]
          - key: search
            owners: [sam@corp.example]
        """;

    private static readonly ConversationAddress Where = new("slack", "C1", "T1");
    private static readonly ChatUser Pat = new("slack", "U0PAT0001", "Pat", "pat@corp.example");
    private static readonly ChatUser Sam = new("slack", "U0SAM0001", "Sam", "sam@corp.example");
    private static readonly ChatUser Fiona = new("slack", "U0FIONA01", "Fiona", "fiona@corp.example");

    [Fact]
    public async Task AnswerAsync_OwnTeams_OtherTeamNamed_RefusedWithoutNumbers()
    {
        using var services = Services("OwnTeams");

        var card = await AskAsync(services, Sam, "open anomalies for payments");

        Assert.Equal(VisibilityConversationService.RefusalCardKind, card.Kind);
        Assert.Contains("limited to your own teams (search)", card.FallbackText, StringComparison.Ordinal);
        Assert.DoesNotContain("$", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_OwnTeams_OtherTeamsIncidentHiddenWithNote()
    {
        using var services = Services("OwnTeams");

        var card = await AskAsync(services, Sam, "any anomalies this week?");

        Assert.Equal(AnomalyQuestionCommand.CardKind, card.Kind);
        Assert.StartsWith("No cost anomalies", card.FallbackText, StringComparison.Ordinal);
        Assert.DoesNotContain("Payments", card.FallbackText, StringComparison.Ordinal);
        Assert.Contains("Only the costs of your teams (search) are included", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_OwnTeams_OwnTeamsIncidentShown()
    {
        using var services = Services("OwnTeams");

        var card = await AskAsync(services, Pat, "any anomalies this week?");

        Assert.StartsWith("1 cost anomaly", card.FallbackText, StringComparison.Ordinal);
        Assert.Contains("Payments / Amazon Simple Storage Service", card.FallbackText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OwnTeams")]
    [InlineData("Everyone")]
    public async Task AnswerAsync_FinanceOrEveryoneMode_AllIncidentsWithoutNote(string mode)
    {
        using var services = Services(mode);

        var card = await AskAsync(services, mode == "Everyone" ? Sam : Fiona, "any anomalies this week?");

        Assert.StartsWith("1 cost anomaly", card.FallbackText, StringComparison.Ordinal);
        Assert.Contains("Payments / Amazon Simple Storage Service", card.FallbackText, StringComparison.Ordinal);
        Assert.DoesNotContain("Only the costs of your teams", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_OwnTeams_WhyNotFlagged_ExpectedFromOwnTeamsCostOnly()
    {
        using var services = Services("OwnTeams");

        // Search has no storage: its member is not told what payments' storage cost.
        var card = await AskAsync(services, Sam, "why did storage spike yesterday?");

        Assert.StartsWith("No anomaly: Storage had no usage cost on Tue 8 Dec 2026", card.FallbackText, StringComparison.Ordinal);
        Assert.DoesNotContain("$", card.FallbackText, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(string mode)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ICostQueryService>(AnomalyQuestionCommandTests.Planted(900m));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 9, 8, 0, 0, TimeSpan.Zero)));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Visibility:Mode"] = mode })
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(new AllocationRuleSource(AllocationRulesParser.Parse(Rules, "allocation.yaml")));
        services.AddConversation(configuration);
        services.AddDigests();
        return services.BuildServiceProvider();
    }

    private static Task<Card> AskAsync(ServiceProvider services, ChatUser user, string text) =>
        services.GetRequiredService<IConversationService>().AnswerAsync(new IncomingMessage(text, user, Where), CancellationToken.None);
}
