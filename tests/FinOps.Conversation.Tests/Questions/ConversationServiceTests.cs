using FinOps.Conversation.Answers;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Conversation.Questions;
using FinOps.Core.Query;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Questions;

public sealed class ConversationServiceTests
{
    private static readonly ChatUser User = new("slack", "U1");
    private static readonly ConversationAddress Where = new("slack", "C1");

    private static ServiceProvider Services(FakeCostQueryService store, Action<IServiceCollection>? extra = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ICostQueryService>(store);
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)));
        var configuration = new ConfigurationBuilder().Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddConversation(configuration);
        extra?.Invoke(services);
        return services.BuildServiceProvider();
    }

    private static FakeCostQueryService Store() => new FakeCostQueryService()
        .Add(new DateOnly(2026, 11, 18), 500m, "data")
        .Add(new DateOnly(2026, 11, 18), 70m, "payments", account: "data");

    private static CardActionInvoked Click(CardAction action) =>
        new(action.ActionId, action.Payload, new Dictionary<string, string>(), User, Where, "m1");

    [Fact]
    public async Task AnswerAsync_Question_ReturnsAnswerCard()
    {
        using var services = Services(Store());
        var bot = services.GetRequiredService<IConversationService>();

        var card = await bot.AnswerAsync(new IncomingMessage("how much did payments spend last week", User, Where), CancellationToken.None);

        Assert.Equal("answer", card.Kind);
        Assert.StartsWith("Payments spent $70.00 last week (Nov 16-22, amortised)", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WelcomeAsync_CompanyData_ThreeExamplesThatAnswer()
    {
        using var services = Services(Store());
        var bot = services.GetRequiredService<IConversationService>();

        var welcome = await bot.WelcomeAsync(Where, CancellationToken.None);

        Assert.NotNull(welcome);
        Assert.Equal("welcome", welcome.Kind);
        var examples = Assert.Single(welcome.Blocks.OfType<ActionsBlock>()).Actions;
        Assert.Equal(3, examples.Count);
        Assert.Contains(examples, e => e.Payload["question"].Contains("payments", StringComparison.OrdinalIgnoreCase)
            || e.Payload["question"].Contains("data", StringComparison.OrdinalIgnoreCase));
        foreach (var example in examples)
        {
            Assert.Contains(example.Payload["question"], welcome.FallbackText, StringComparison.Ordinal);
            var answer = await bot.AnswerAsync(new IncomingMessage(example.Payload["question"], User, Where), CancellationToken.None);
            Assert.NotEqual("help", answer.Kind);
        }
    }

    [Fact]
    public async Task HandleActionAsync_ClarifyChoice_AnswersResolvedQuery()
    {
        using var services = Services(Store());
        var bot = services.GetRequiredService<IConversationService>();

        // "data" is a team and an account here: the bot asks back.
        var ask = await bot.AnswerAsync(new IncomingMessage("how much did data cost last week", User, Where), CancellationToken.None);
        Assert.Equal("clarify", ask.Kind);
        var choices = Assert.Single(ask.Blocks.OfType<ActionsBlock>()).Actions;
        var account = Assert.Single(choices, a => a.Title == "Account data");

        var card = await bot.HandleActionAsync(Click(account), CancellationToken.None);

        Assert.Equal("answer", card.Kind);
        Assert.StartsWith("data cost $70.00 last week (Nov 16-22, amortised)", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleActionAsync_TamperedClarifyPayload_ReturnsErrorCard()
    {
        using var services = Services(Store());
        var bot = services.GetRequiredService<IConversationService>();
        var payload = new Dictionary<string, string>
        {
            ["query"] = """{"intent":"total","metric":"EffectiveCost","period":{"start":"2026-11-16","end":"2026-11-23"},"filters":{"team":["nope"]}}""",
        };

        var card = await bot.HandleActionAsync(Click(new CardAction(QuestionAnswerer.ClarifyActionId, "x", payload)), CancellationToken.None);

        Assert.Equal("error", card.Kind);
        Assert.Contains("'nope' is not in the data", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleActionAsync_HelpExample_AsksTheExample()
    {
        using var services = Services(new FakeCostQueryService().Add(new DateOnly(2026, 11, 18), 500m, "data"));
        var bot = services.GetRequiredService<IConversationService>();
        var help = await bot.AnswerAsync(new IncomingMessage("help", User, Where), CancellationToken.None);
        var example = Assert.Single(help.Blocks.OfType<ActionsBlock>()).Actions[0];

        var card = await bot.HandleActionAsync(Click(example), CancellationToken.None);

        Assert.Equal("answer", card.Kind);
        Assert.StartsWith("Data spent $500.00 last week", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_Help_MentionsSubscriptionCommandsThatWork()
    {
        using var services = Services(new FakeCostQueryService().Add(new DateOnly(2026, 11, 18), 500m, "data"));
        var bot = services.GetRequiredService<IConversationService>();

        var help = await bot.AnswerAsync(new IncomingMessage("help", User, Where), CancellationToken.None);

        var text = string.Join('\n', help.Blocks.OfType<TextBlock>().Select(b => b.Markdown));
        var commands = System.Text.RegularExpressions.Regex.Matches(text[text.IndexOf("Subscriptions", StringComparison.Ordinal)..], "\"([^\"]+)\"")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["subscribe this channel to data digests", "unsubscribe this channel from data digests", "unsubscribe", "list subscriptions"], commands);
        Assert.All(commands, c => Assert.True(FinOps.Conversation.Subscriptions.SubscriptionCommand.TryParse(c, out _), c));
    }

    [Fact]
    public async Task AnswerAsync_Help_MentionsTheRefreshCommandThatWorks()
    {
        using var services = Services(new FakeCostQueryService().Add(new DateOnly(2026, 11, 18), 500m, "data"));
        var bot = services.GetRequiredService<IConversationService>();

        var help = await bot.AnswerAsync(new IncomingMessage("help", User, Where), CancellationToken.None);

        var text = Assert.Single(help.Blocks.OfType<TextBlock>(), b => b.Markdown.StartsWith("Cost data (admins)", StringComparison.Ordinal)).Markdown;
        var command = System.Text.RegularExpressions.Regex.Match(text, "\"([^\"]+)\"").Groups[1].Value;
        Assert.True(FinOps.Conversation.Freshness.RefreshDataCommand.IsRefresh(command), command);
        var reply = await bot.AnswerAsync(new IncomingMessage(command, User, Where), CancellationToken.None);
        Assert.Equal(FinOps.Conversation.Freshness.RefreshDataCommand.CardKind, reply.Kind);
    }

    [Fact]
    public async Task AnswerAsync_Help_MentionsBudgetAndApprovalCommandsThatWork()
    {
        using var services = Services(new FakeCostQueryService().Add(new DateOnly(2026, 11, 18), 500m, "data"));
        var bot = services.GetRequiredService<IConversationService>();

        var help = await bot.AnswerAsync(new IncomingMessage("help", User, Where), CancellationToken.None);

        var text = Assert.Single(help.Blocks.OfType<TextBlock>(), b => b.Markdown.StartsWith("Budgets and approvals", StringComparison.Ordinal)).Markdown;
        var commands = System.Text.RegularExpressions.Regex.Matches(text, "\"([^\"]+)\"")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(
            ["set the data budget to $25k a month", "budget status for data", "request +$2,000 for data this month: launch traffic", "approvals for data this quarter"],
            commands);
        Assert.True(FinOps.Conversation.Budgets.BudgetCommand.TryParse(commands[0], out var set) && !set.IsStatus && set.Amount == 25000m, commands[0]);
        Assert.True(FinOps.Conversation.Budgets.BudgetCommand.TryParse(commands[1], out var status) && status.IsStatus && status.Team == "data", commands[1]);
        Assert.All(commands[2..], c => Assert.True(FinOps.Conversation.Approvals.ApprovalCommand.Matches(c), c));
        Assert.All(commands[..2], c => Assert.False(FinOps.Conversation.Approvals.ApprovalCommand.Matches(c), c));
        Assert.All(commands[2..], c => Assert.False(FinOps.Conversation.Budgets.BudgetCommand.TryParse(c, out _), c));
    }

    [Fact]
    public async Task AnswerAsync_Help_MentionsAnomalyQuestionsThatWork()
    {
        using var services = Services(new FakeCostQueryService().Add(new DateOnly(2026, 11, 18), 500m, "data"));
        var bot = services.GetRequiredService<IConversationService>();

        var help = await bot.AnswerAsync(new IncomingMessage("help", User, Where), CancellationToken.None);

        var text = Assert.Single(help.Blocks.OfType<TextBlock>(), b => b.Markdown.StartsWith("Cost anomalies", StringComparison.Ordinal)).Markdown;
        var questions = System.Text.RegularExpressions.Regex.Matches(text, "\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["any anomalies this week?", "open anomalies for data", "why did data spike yesterday?"], questions);
        Assert.Equal(
            [FinOps.Conversation.Anomalies.AnomalyQuestionShape.List, FinOps.Conversation.Anomalies.AnomalyQuestionShape.Open, FinOps.Conversation.Anomalies.AnomalyQuestionShape.Why],
            questions.Select(q => Assert.IsType<FinOps.Conversation.Anomalies.AnomalyQuestion>(FinOps.Conversation.Anomalies.AnomalyQuestion.TryParse(q, out var parsed) ? parsed : null).Shape));
        foreach (var question in questions)
        {
            Assert.False(FinOps.Conversation.Budgets.BudgetCommand.TryParse(question, out _), question);
            Assert.False(FinOps.Conversation.Approvals.ApprovalCommand.Matches(question), question);
            Assert.False(FinOps.Conversation.Subscriptions.SubscriptionCommand.TryParse(question, out _), question);
            var answer = await bot.AnswerAsync(new IncomingMessage(question, User, Where), CancellationToken.None);
            Assert.Equal(FinOps.Conversation.Anomalies.AnomalyQuestionCommand.CardKind, answer.Kind);
        }
    }

    [Fact]
    public async Task HandleActionAsync_UnknownAction_ReturnsErrorCard()
    {
        using var services = Services(Store());
        var bot = services.GetRequiredService<IConversationService>();

        var card = await bot.HandleActionAsync(Click(new CardAction("nobody.home", "x", new Dictionary<string, string>())), CancellationToken.None);

        Assert.Equal("error", card.Kind);
    }

    [Fact]
    public async Task HandleActionAsync_PluggedInHandler_GetsItsPrefix()
    {
        var budget = new RecordingHandler("budget.");
        using var services = Services(Store(), s => s.AddSingleton<ICardActionHandler>(budget));
        var bot = services.GetRequiredService<IConversationService>();

        var card = await bot.HandleActionAsync(Click(new CardAction("budget.approve", "Approve", new Dictionary<string, string>())), CancellationToken.None);

        Assert.Equal("budget", card.Kind);
        Assert.Equal("budget.approve", Assert.Single(budget.Seen));
    }

    [Fact]
    public void Constructor_TwoHandlersSamePrefix_Throws()
    {
        using var services = Services(Store(), s => s.AddSingleton<ICardActionHandler>(new RecordingHandler("help.")));

        Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IConversationService>());
    }

    [Fact]
    public void AddConversation_NoForecasterRegistered_RegistersTheCostForecasterOnce()
    {
        using var services = Services(Store());

        var forecaster = services.GetRequiredService<FinOps.Core.Forecasting.ICostForecaster>();

        Assert.IsType<FinOps.Core.Forecasting.CostForecaster>(forecaster);
        Assert.Same(forecaster, services.GetRequiredService<FinOps.Core.Forecasting.ICostForecaster>());
    }

    [Fact]
    public void AddConversation_LanguageModelConfigured_RegistersTranslator()
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ICostQueryService>(Store());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LanguageModel:Endpoint"] = "http://127.0.0.1:9/v1",
            ["LanguageModel:Model"] = "small-model",
            ["Calendar:FiscalYearStartMonth"] = "7",
        }).Build();
        services.AddSingleton<IConfiguration>(configuration);

        services.AddConversation(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<LanguageModelQuestionTranslator>(provider.GetRequiredService<IQuestionTranslator>());
        Assert.Equal(7, provider.GetRequiredService<FinOps.Core.Calendar.CostCalendar>().FiscalYearStartMonth);
    }

    [Fact]
    public async Task AddConversation_CalledTwice_RegistersHandlersOnce()
    {
        using var services = Services(Store(), s => s.AddConversation(new ConfigurationBuilder().Build()));

        var card = await services.GetRequiredService<IConversationService>().HandleActionAsync(
            Click(new CardAction(HelpActionHandler.ShowActionId, "Help", new Dictionary<string, string>())), CancellationToken.None);

        Assert.Equal("help", card.Kind);
    }

    [Fact]
    public void AddConversation_NoLanguageModel_RegistersNoTranslator()
    {
        using var services = Services(Store());

        Assert.Null(services.GetService<IQuestionTranslator>());
    }

    private sealed class RecordingHandler(string prefix) : ICardActionHandler
    {
        public List<string> Seen { get; } = [];

        public string ActionPrefix => prefix;

        public Task<Card> HandleAsync(CardActionInvoked action, CancellationToken cancellationToken)
        {
            Seen.Add(action.ActionId);
            return Task.FromResult(new Card("budget", "ok", []));
        }
    }
}
