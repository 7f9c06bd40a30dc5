using System.Text.Json;
using FinOps.Conversation.Answers;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using FinOps.Core.Query;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Questions;

public sealed class DrillDownTests
{
    private static readonly ChatUser Alice = new("slack", "U1");
    private static readonly ConversationAddress Channel = new("slack", "C1", "T1");

    private static ServiceProvider Services(FakeCostQueryService store)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ICostQueryService>(store);
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)));
        var configuration = new ConfigurationBuilder().Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddConversation(configuration);
        return services.BuildServiceProvider();
    }

    private static FakeCostQueryService Store() => new FakeCostQueryService()
        .Add(new DateOnly(2026, 10, 12), 300m, "payments")
        .Add(new DateOnly(2026, 10, 13), 100m, "payments", service: "Amazon Simple Storage Service")
        .Add(new DateOnly(2026, 9, 12), 200m, "payments");

    private static async Task<IReadOnlyList<CardAction>> AskAsync(IConversationService bot, string text)
    {
        var card = await bot.AnswerAsync(new IncomingMessage(text, Alice, Channel), CancellationToken.None);
        return Assert.Single(card.Blocks.OfType<ActionsBlock>()).Actions;
    }

    private static Task<Card> ClickAsync(IConversationService bot, CardAction action) =>
        bot.HandleActionAsync(new CardActionInvoked(action.ActionId, action.Payload, new Dictionary<string, string>(), Alice, Channel, "m1"), CancellationToken.None);

    [Fact]
    public async Task AnswerAsync_TeamTotal_OffersDrillDownsButNotByTeam()
    {
        using var services = Services(Store());
        var actions = await AskAsync(services.GetRequiredService<IConversationService>(), "how much did payments spend last month");

        Assert.Equal(["Why did it change?", "By service", "Trend", "Compare with previous period"], actions.Select(a => a.Title));
        Assert.All(actions, a => Assert.Equal("question.drill", a.ActionId));
    }

    [Fact]
    public async Task AnswerAsync_DrillDownPayload_IsCompactAndWithinSlackButtonValueLimit()
    {
        using var services = Services(Store());
        var actions = await AskAsync(services.GetRequiredService<IConversationService>(), "how much did payments spend last month");

        foreach (var action in actions)
        {
            Assert.DoesNotContain("null", action.Payload["query"], StringComparison.Ordinal);
            Assert.True(JsonSerializer.Serialize(action.Payload).Length < 2000);
        }
    }

    [Fact]
    public void Add_QueryTooLongForASlackButtonValue_OffersNoButtons()
    {
        var parser = new QuestionParser(DemoCatalog.Catalog, CostCalendar.Default);
        var question = parser.Parse("how much did payments spend last month", DemoCatalog.AsOf);
        var resources = Enumerable.Range(0, 30).Select(i => "arn:aws:ec2:us-east-1:123456789012:instance/i-" + i.ToString("D17", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var wide = question with { Query = question.Query! with { Filters = new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Resource] = resources } } };
        var answer = new QuestionAnswer(wide, "USD", 1m, null, [], "x", new Card("answer", "x", [new TextBlock("x")]));
        var narrow = answer with { Question = question };

        Assert.Empty(DrillDowns.Add(answer, wide, parser, DemoCatalog.AsOf).Card.Blocks.OfType<ActionsBlock>());
        Assert.Single(DrillDowns.Add(narrow, question, parser, DemoCatalog.AsOf).Card.Blocks.OfType<ActionsBlock>());
    }

    [Theory]
    [InlineData("By service", "Payments spent $400.00 last month", "Service")]
    [InlineData("Why did it change?", "Payments spent $400.00 last month", null)]
    [InlineData("Trend", "Payments spent $400.00 last month", null)]
    [InlineData("Compare with previous period", "Payments spent $400.00 last month", null)]
    public async Task HandleActionAsync_DrillDown_AnswersLikeTheTypedFollowUp(string title, string start, string? header)
    {
        var store = Store();
        using var services = Services(store);
        var bot = services.GetRequiredService<IConversationService>();
        var actions = await AskAsync(bot, "how much did payments spend last month");

        var card = await ClickAsync(bot, actions.Single(a => a.Title == title));

        Assert.Equal("answer", card.Kind);
        Assert.StartsWith(start, card.FallbackText, StringComparison.Ordinal);
        var query = store.Queries[^1];
        Assert.Equal(["payments"], query.Filters[Dimension.Team]);
        Assert.Equal(new DateOnly(2026, 10, 1), query.Period.Start);
        Assert.Equal(title is "Why did it change?" or "Compare with previous period", query.ComparePeriod == new DateRange(new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1)));
        Assert.Equal(title == "Trend", query.Granularity is not null);
        if (header is not null)
        {
            Assert.Equal(header, Assert.Single(card.Blocks.OfType<CostTableBlock>()).LabelHeader);
        }
    }

    [Fact]
    public async Task HandleActionAsync_DrillDown_BecomesTheFollowUpContext()
    {
        var store = Store();
        using var services = Services(store);
        var bot = services.GetRequiredService<IConversationService>();
        var actions = await AskAsync(bot, "how much did payments spend last month");
        await ClickAsync(bot, actions.Single(a => a.Title == "By service"));

        await bot.AnswerAsync(new IncomingMessage("and the month before?", Alice, Channel), CancellationToken.None);

        var query = store.Queries[^1];
        Assert.Equal(new DateRange(new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1)), query.Period);
        Assert.Equal([Dimension.Service], query.GroupBy);
    }
}
