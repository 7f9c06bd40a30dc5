using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using FinOps.Core.Query;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Questions;

public sealed class FollowUpTests
{
    private static readonly ChatUser Alice = new("slack", "U1");
    private static readonly ChatUser Bob = new("slack", "U2");
    private static readonly ConversationAddress Channel = new("slack", "C1", "T1");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private ServiceProvider Services(FakeCostQueryService store, Dictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ICostQueryService>(store);
        services.AddSingleton<TimeProvider>(_time);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddConversation(configuration);
        return services.BuildServiceProvider();
    }

    private static FakeCostQueryService Store() => new FakeCostQueryService()
        .Add(new DateOnly(2026, 10, 12), 300m, "payments")
        .Add(new DateOnly(2026, 9, 12), 200m, "payments")
        .Add(new DateOnly(2026, 10, 14), 40m, "checkout", service: "Amazon Simple Storage Service");

    private static Task<Card> SayAsync(IConversationService bot, string text, ChatUser? user = null, ConversationAddress? where = null) =>
        bot.AnswerAsync(new IncomingMessage(text, user ?? Alice, where ?? Channel), CancellationToken.None);

    [Fact]
    public async Task AnswerAsync_MonthBefore_AnswersThePreviousQuestionForTheMonthBefore()
    {
        using var services = Services(Store());
        var bot = services.GetRequiredService<IConversationService>();
        await SayAsync(bot, "how much did payments spend last month");

        var card = await SayAsync(bot, "and the month before?");

        Assert.StartsWith("Payments spent $200.00 in September 2026", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_WhatAboutValue_KeepsThePeriodAndSwapsTheTeam()
    {
        using var services = Services(Store());
        var bot = services.GetRequiredService<IConversationService>();
        await SayAsync(bot, "how much did payments spend last month");

        var card = await SayAsync(bot, "what about checkout?");

        Assert.StartsWith("Checkout spent $40.00 last month", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_AnotherPersonInTheSameChannel_HasNoContext()
    {
        var store = Store();
        using var services = Services(store);
        var bot = services.GetRequiredService<IConversationService>();
        await SayAsync(bot, "how much did payments spend last month", Alice);

        await SayAsync(bot, "and the month before?", Bob);

        // Bob's "the month before" is read on its own: the month before this one, all teams; never September for payments.
        var last = store.Queries[^1];
        Assert.Empty(last.Filters);
        Assert.NotEqual(new DateOnly(2026, 9, 1), last.Period.Start);
    }

    [Fact]
    public async Task AnswerAsync_AfterTheExpiry_HasNoContext()
    {
        var store = Store();
        using var services = Services(store, new() { ["Conversation:FollowUpExpiry"] = "00:10:00" });
        var bot = services.GetRequiredService<IConversationService>();
        await SayAsync(bot, "how much did payments spend last month");
        _time.Advance(TimeSpan.FromMinutes(9));
        await SayAsync(bot, "what about checkout?");
        Assert.Equal(new DateOnly(2026, 10, 1), store.Queries[^1].Period.Start);

        _time.Advance(TimeSpan.FromMinutes(11));
        await SayAsync(bot, "what about payments?");

        // Eleven minutes after the last question the context is gone: this month so far, not October.
        Assert.Equal(new DateOnly(2026, 11, 1), store.Queries[^1].Period.Start);
    }

    [Fact]
    public async Task AnswerAsync_FollowUpExpiryZero_FollowUpsAreOff()
    {
        var store = Store();
        using var services = Services(store, new() { ["Conversation:FollowUpExpiry"] = "00:00:00" });
        var bot = services.GetRequiredService<IConversationService>();
        await SayAsync(bot, "how much did payments spend last month");

        await SayAsync(bot, "what about checkout?");

        Assert.Equal(new DateOnly(2026, 11, 1), store.Queries[^1].Period.Start);
    }

    [Fact]
    public void AddConversation_NegativeFollowUpExpiry_FailsValidationNamingTheSetting()
    {
        using var services = Services(Store(), new() { ["Conversation:FollowUpExpiry"] = "-00:01:00" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ConversationOptions>>().Value);
        Assert.Contains("Conversation:FollowUpExpiry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_OtherConversation_HasNoContext()
    {
        var store = Store();
        using var services = Services(store);
        var bot = services.GetRequiredService<IConversationService>();
        await SayAsync(bot, "how much did payments spend last month");

        await SayAsync(bot, "what about checkout?", where: new ConversationAddress("slack", "C2", "T1"));

        Assert.Equal(new DateOnly(2026, 11, 1), store.Queries[^1].Period.Start);
    }

    [Fact]
    public async Task AnswerAsync_FullQuestionAfterAQuestion_IsNotReadAsAFollowUp()
    {
        var store = Store();
        using var services = Services(store);
        var bot = services.GetRequiredService<IConversationService>();
        await SayAsync(bot, "how much did payments spend last month");

        var card = await SayAsync(bot, "how much did checkout spend in September");

        Assert.StartsWith("Checkout spent $0.00 in September", card.FallbackText, StringComparison.Ordinal);
        Assert.Equal(["checkout"], store.Queries[^1].Filters[Dimension.Team]);
    }

    [Fact]
    public void Recall_ThreadWithoutItsOwnContext_ContinuesTheChannelContext()
    {
        var memory = new FollowUpMemory(Options.Create(new ConversationOptions()), _time);
        var parsed = new QuestionParser(DemoCatalog.Catalog, CostCalendar.Default).Parse("payments last month", DemoCatalog.AsOf);
        memory.Remember(Alice, Channel, parsed);

        Assert.Same(parsed, memory.Recall(Alice, Channel with { ThreadId = "1700000000.000100" }));
        Assert.Null(memory.Recall(Bob, Channel with { ThreadId = "1700000000.000100" }));
    }

    [Fact]
    public void Remember_MoreThanTheCapacity_DropsTheLeastRecentlyUsed()
    {
        var memory = new FollowUpMemory(Options.Create(new ConversationOptions { FollowUpCapacity = 2 }), _time);
        var parsed = new QuestionParser(DemoCatalog.Catalog, CostCalendar.Default).Parse("payments last month", DemoCatalog.AsOf);
        memory.Remember(Alice, Channel, parsed);
        memory.Remember(Bob, Channel, parsed);
        Assert.NotNull(memory.Recall(Alice, Channel));

        memory.Remember(new ChatUser("slack", "U3"), Channel, parsed);

        Assert.Equal(2, memory.Count);
        Assert.NotNull(memory.Recall(Alice, Channel));
        Assert.Null(memory.Recall(Bob, Channel));
    }

    [Fact]
    public void Remember_QuestionNotUnderstood_KeepsThePreviousContext()
    {
        var memory = new FollowUpMemory(Options.Create(new ConversationOptions()), _time);
        var parser = new QuestionParser(DemoCatalog.Catalog, CostCalendar.Default);
        var parsed = parser.Parse("payments last month", DemoCatalog.AsOf);
        memory.Remember(Alice, Channel, parsed);

        memory.Remember(Alice, Channel, parser.Parse("help", DemoCatalog.AsOf));

        Assert.Same(parsed, memory.Recall(Alice, Channel));
    }

    [Fact]
    public void FollowUpRuleNames_Order_WhyBeforeCompareAndGroupingLast()
    {
        Assert.Equal(["why", "forecast", "compare", "trend", "top", "break-down"], QuestionParser.FollowUpRuleNames);
    }
}
