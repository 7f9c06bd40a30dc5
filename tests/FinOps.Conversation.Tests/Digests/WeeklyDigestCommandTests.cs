using FinOps.Conversation.Cards;
using FinOps.Conversation.Digests;
using FinOps.Conversation.Messaging;
using FinOps.Conversation.Tests.Questions;
using FinOps.Core.Allocation;
using FinOps.Demo;
using FinOps.Core.Query;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Digests;

public sealed class WeeklyDigestCommandTests
{
    private static readonly ConversationAddress Where = new("slack", "D1");

    // Monday 23 November 2026: the digest week is 16 to 22 November.
    private static ServiceProvider Services(FakeCostQueryService store)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ICostQueryService>(store);
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)));
        var configuration = new ConfigurationBuilder().Build();
        services.AddSingleton<IConfiguration>(configuration);

        // The demo company's teams and owners come from its rules file, like any company's.
        services.AddSingleton(new AllocationRuleSource(AllocationRulesParser.ParseFile(Path.Combine(AppContext.BaseDirectory, "TestData", "allocation.demo.yaml"))));
        services.AddConversation(configuration);
        services.AddDigests();
        return services.BuildServiceProvider();
    }

    private static FakeCostQueryService Store() => new FakeCostQueryService()
        .Add(new DateOnly(2026, 11, 10), 40m, "payments")
        .Add(new DateOnly(2026, 11, 17), 70m, "payments")
        .Add(new DateOnly(2026, 11, 18), 30m, "payments", service: "Amazon Simple Storage Service", resource: "bucket-1")
        .Add(new DateOnly(2026, 11, 18), 500m, "search");

    private static ChatUser Owner(string team)
    {
        var owner = DemoOrganization.Default.FindTeam(team)!.Owners[0];
        return new ChatUser("slack", owner.SlackUserId, owner.Name, owner.Email);
    }

    [Theory]
    [InlineData("digest", null)]
    [InlineData("weekly digest", null)]
    [InlineData("Send me the weekly digest now", null)]
    [InlineData("send me the weekly digest now!", null)]
    [InlineData("show me my digest", null)]
    [InlineData("weekly digest for payments", "payments")]
    [InlineData("Weekly digest for the Payments team", "Payments team")]
    [InlineData("digest for machine learning please", "machine learning")]
    public void TryParse_DigestRequests_Recognised(string text, string? team)
    {
        Assert.True(WeeklyDigestCommand.TryParse(text, out var parsed));
        Assert.Equal(team, parsed);
    }

    [Theory]
    [InlineData("how much did payments spend last week")]
    [InlineData("digest costs by service last month")]
    [InlineData("what is a digest")]
    [InlineData("")]
    public void TryParse_OtherMessages_NotRecognised(string text)
    {
        Assert.False(WeeklyDigestCommand.TryParse(text, out _));
    }

    [Fact]
    public async Task AnswerAsync_OwnerAsksForDigest_GetsOwnTeamsDigest()
    {
        using var services = Services(Store());
        var bot = services.GetRequiredService<IConversationService>();

        var card = await bot.AnswerAsync(new IncomingMessage("send me the weekly digest now", Owner("payments"), Where), CancellationToken.None);

        Assert.Equal(DigestCardComposer.CardKind, card.Kind);
        var key = Assert.Single(card.Blocks.OfType<KeyNumberBlock>());
        Assert.Equal(new Money(100m, "USD"), key.Value);
        Assert.Equal(60m, key.Change!.Change.Amount);
        Assert.Contains("Payments", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_OwnerMatchedByEmail_GetsOwnTeamsDigest()
    {
        using var services = Services(Store());
        var bot = services.GetRequiredService<IConversationService>();
        var owner = DemoOrganization.Default.FindTeam("search")!.Owners[0];

        var card = await bot.AnswerAsync(new IncomingMessage("digest", new ChatUser("teams", "29:opaque", null, owner.Email.ToUpperInvariant()), Where), CancellationToken.None);

        Assert.Equal(new Money(500m, "USD"), Assert.Single(card.Blocks.OfType<KeyNumberBlock>()).Value);
    }

    [Fact]
    public async Task AnswerAsync_NamedTeam_GetsThatTeamsDigest()
    {
        using var services = Services(Store());
        var bot = services.GetRequiredService<IConversationService>();

        var card = await bot.AnswerAsync(new IncomingMessage("weekly digest for search", Owner("payments"), Where), CancellationToken.None);

        Assert.Equal(new Money(500m, "USD"), Assert.Single(card.Blocks.OfType<KeyNumberBlock>()).Value);
        Assert.Contains("Search", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_UserOwnsNoTeam_ExplainsHowToName()
    {
        using var services = Services(Store());
        var bot = services.GetRequiredService<IConversationService>();

        var card = await bot.AnswerAsync(new IncomingMessage("digest", new ChatUser("slack", "U0NOBODY"), Where), CancellationToken.None);

        Assert.Equal("error", card.Kind);
        Assert.Contains("weekly digest for payments", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_OrdinaryQuestion_StillGoesToTheParser()
    {
        using var services = Services(Store());
        var bot = services.GetRequiredService<IConversationService>();

        var card = await bot.AnswerAsync(new IncomingMessage("how much did payments spend last week", Owner("payments"), Where), CancellationToken.None);

        Assert.Equal("answer", card.Kind);
    }

    [Fact]
    public async Task HandleActionAsync_ShowByService_ListsServicesOfThatWeek()
    {
        using var services = Services(Store());
        var bot = services.GetRequiredService<IConversationService>();
        var digest = await bot.AnswerAsync(new IncomingMessage("digest", Owner("payments"), Where), CancellationToken.None);
        var button = Assert.Single(Assert.Single(digest.Blocks.OfType<ActionsBlock>()).Actions);

        var card = await bot.HandleActionAsync(
            new CardActionInvoked(button.ActionId, button.Payload, new Dictionary<string, string>(), Owner("payments"), Where, "m1"),
            CancellationToken.None);

        Assert.Equal("digest.by-service", card.Kind);
        var table = Assert.Single(card.Blocks.OfType<CostTableBlock>());
        Assert.Equal(["Amazon Elastic Compute Cloud", "Amazon Simple Storage Service"], table.Rows.Select(r => r.Label));
        Assert.Equal(100m, table.Total!.Amount.Amount);
    }
}
