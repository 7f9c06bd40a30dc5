using FinOps.Conversation.Cards;
using FinOps.Conversation.Digests;
using FinOps.Conversation.Messaging;
using FinOps.Conversation.Tests.Questions;
using FinOps.Conversation.Visibility;
using FinOps.Core.Allocation;
using FinOps.Core.Query;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Visibility;

public sealed class VisibilityTests
{
    private const string Rules = """
        version: 1
        roles:
          finance: [fiona@corp.example]
        teams:
          - key: payments
            owners:
              - email: pat@corp.example
                slack: U0PAT0001
            members: [mia@corp.example]
          - key: search
            owners: [sam@corp.example]
          - key: data
            owners: [dora@corp.example]
        """;

    private static readonly ConversationAddress Where = new("slack", "C1", "T1");

    // Mia is listed by e-mail only; Slack told the e-mail with the message (users.info).
    private static readonly ChatUser Mia = new("slack", "U0MIA0001", "Mia", "mia@corp.example");
    private static readonly ChatUser Fiona = new("slack", "U0FIONA01", "Fiona", "fiona@corp.example");
    private static readonly ChatUser Stranger = new("slack", "U0STRANGE", "Stan", "stan@elsewhere.example");

    private static FakeCostQueryService Store() => new FakeCostQueryService()
        .Add(new DateOnly(2026, 11, 10), 40m, "payments")
        .Add(new DateOnly(2026, 11, 17), 70m, "payments")
        .Add(new DateOnly(2026, 11, 18), 500m, "search", service: "Amazon OpenSearch Service", resource: "search-domain")
        .Add(new DateOnly(2026, 11, 19), 9m, "data");

    private static ServiceProvider Services(FakeCostQueryService store, string mode = "OwnTeams")
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ICostQueryService>(store);
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)));
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

    private static string AllText(Card card) =>
        card.FallbackText + "\n" + string.Join("\n", card.Blocks.Select(b => System.Text.Json.JsonSerializer.Serialize(b, b.GetType())));

    [Fact]
    public async Task AnswerAsync_PaymentsMemberAsksAboutSearch_RefusedWithReasonAndNoNumbers()
    {
        var store = Store();
        using var services = Services(store);

        var card = await AskAsync(services, Mia, "how much did search spend last week");

        Assert.Equal(VisibilityConversationService.RefusalCardKind, card.Kind);
        Assert.Contains("search", card.FallbackText, StringComparison.Ordinal);
        Assert.Contains("limited to your own teams (payments)", card.FallbackText, StringComparison.Ordinal);
        Assert.DoesNotContain("$", AllText(card), StringComparison.Ordinal);
        Assert.DoesNotContain("500", AllText(card), StringComparison.Ordinal);
        Assert.DoesNotContain(store.Queries, q => !q.Filters.ContainsKey(Dimension.Team) || q.Filters[Dimension.Team].Contains("search"));
    }

    [Theory]
    [InlineData("total cost last week")]
    [InlineData("cost by team last week")]
    [InlineData("top 5 services last week")]
    [InlineData("why did costs change last week?")]
    [InlineData("daily trend last 14 days")]
    public async Task AnswerAsync_AnswerOverSeveralTeams_ShowsOnlyWhatTheyMaySee(string question)
    {
        var store = Store();
        using var services = Services(store);

        var card = await AskAsync(services, Mia, question);

        var text = AllText(card);
        Assert.NotEqual(VisibilityConversationService.RefusalCardKind, card.Kind);
        Assert.Contains("Only the costs of your teams (payments) are included", card.FallbackText, StringComparison.Ordinal);
        Assert.DoesNotContain("500", text, StringComparison.Ordinal);
        Assert.DoesNotContain("579", text, StringComparison.Ordinal);
        Assert.DoesNotContain("OpenSearch", text, StringComparison.Ordinal);
        Assert.DoesNotContain("search-domain", text, StringComparison.Ordinal);
        Assert.NotEmpty(store.Queries);
        Assert.All(store.Queries, q => Assert.Equal(["payments"], q.Filters[Dimension.Team]));
    }

    [Fact]
    public async Task AnswerAsync_TotalWithHiddenTeamInside_TotalIsTheVisibleTeamsOnly()
    {
        using var services = Services(Store());

        var card = await AskAsync(services, Mia, "total cost last week");

        Assert.Contains("$70.00", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_FinanceRole_SeesEveryTeam()
    {
        using var services = Services(Store());

        var search = await AskAsync(services, Fiona, "how much did search spend last week");
        var total = await AskAsync(services, Fiona, "total cost last week");

        Assert.Contains("$500.00", search.FallbackText, StringComparison.Ordinal);
        Assert.Contains("$579.00", total.FallbackText, StringComparison.Ordinal);
        Assert.DoesNotContain("Only the costs", total.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_DefaultEveryoneMode_AnyoneMayAskAboutAnyTeam()
    {
        using var services = Services(Store(), mode: "Everyone");

        var card = await AskAsync(services, Stranger, "how much did search spend last week");

        Assert.Contains("$500.00", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_PersonNotInDirectory_RefusedAndToldToAskAnAdmin()
    {
        using var services = Services(Store());

        var card = await AskAsync(services, Stranger, "total cost last week");

        Assert.Equal(VisibilityConversationService.RefusalCardKind, card.Kind);
        Assert.Contains("can't find you in the company directory", card.FallbackText, StringComparison.Ordinal);
        Assert.DoesNotContain("$", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_DigestOfAnotherTeam_Refused()
    {
        using var services = Services(Store());

        var refused = await AskAsync(services, Mia, "weekly digest for search");
        var own = await AskAsync(services, new ChatUser("slack", "U0PAT0001"), "weekly digest");

        Assert.Equal(VisibilityConversationService.RefusalCardKind, refused.Kind);
        Assert.DoesNotContain("$", AllText(refused), StringComparison.Ordinal);
        Assert.Contains("$70.00", own.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleActionAsync_DigestButtonForHiddenTeam_Refused()
    {
        using var services = Services(Store());
        var click = new CardActionInvoked(
            "digest.by-service",
            new Dictionary<string, string> { ["team"] = "search", ["week"] = "2026-11-16" },
            new Dictionary<string, string>(),
            Mia,
            Where,
            "m1");

        var card = await services.GetRequiredService<IConversationService>().HandleActionAsync(click, CancellationToken.None);

        Assert.Equal(VisibilityConversationService.RefusalCardKind, card.Kind);
        Assert.DoesNotContain("OpenSearch", AllText(card), StringComparison.Ordinal);
    }
}
