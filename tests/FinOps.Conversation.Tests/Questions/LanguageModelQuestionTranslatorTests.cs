using System.Runtime.CompilerServices;
using FinOps.Conversation.Answers;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using FinOps.Core.Query;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Questions;

public sealed class LanguageModelQuestionTranslatorTests
{
    private static readonly DateOnly Today = DemoCatalog.AsOf;

    private static LanguageModelQuestionTranslator Translator(FakeChatClient chat) => new(
        chat, CostCalendar.Default, Options.Create(new LanguageModelOptions { Endpoint = "http://127.0.0.1:9/v1", Model = "m" }), NullLogger<LanguageModelQuestionTranslator>.Instance);

    [Fact]
    public async Task TranslateAsync_ValidJsonInCodeFence_GivesValidatedQuestion()
    {
        var chat = new FakeChatClient("""
            Here you go:
            ```json
            {"intent": "total", "metric": "BilledCost", "period": {"start": "2026-11-16", "end": "2026-11-23"},
             "comparePeriod": null, "filters": {"team": ["PAYMENTS"]}, "groupBy": [], "granularity": null, "top": null}
            ```
            """);

        var parsed = await Translator(chat).TranslateAsync("what did the money people burn through last week", DemoCatalog.Catalog, Today, CancellationToken.None);

        Assert.NotNull(parsed);
        Assert.True(parsed.FromLanguageModel);
        Assert.Equal(QuestionIntent.Total, parsed.Intent);
        Assert.Equal(CostMetric.BilledCost, parsed.Query!.Metric);
        Assert.Equal(["payments"], parsed.Query.Filters[Dimension.Team]);
        Assert.Equal("from Nov 16 to Nov 22", parsed.PeriodLabel.Phrase);
        var system = chat.Received[0].First(m => m.Role == ChatRole.System).Text;
        Assert.Contains("Today is 2026-11-23", system, StringComparison.Ordinal);
        Assert.Contains("payments", system, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"intent": "total", "period": {"start": "2026-11-16", "end": "2026-11-23"}, "filters": {"team": ["marketing"]}}""")]
    [InlineData("""{"intent": "total", "period": {"start": "2026-11-23", "end": "2026-11-16"}}""")]
    [InlineData("""{"intent": "total", "period": {"start": "16/11/2026", "end": "2026-11-23"}}""")]
    [InlineData("""{"intent": "explode", "period": {"start": "2026-11-16", "end": "2026-11-23"}}""")]
    [InlineData("""{"intent": "total", "metric": "Vibes", "period": {"start": "2026-11-16", "end": "2026-11-23"}}""")]
    [InlineData("""{"intent": "breakdown", "period": {"start": "2026-11-16", "end": "2026-11-23"}, "groupBy": ["team", "service", "region"]}""")]
    [InlineData("""{"intent": "top", "period": {"start": "2026-11-16", "end": "2026-11-23"}, "groupBy": ["colour"], "top": 5}""")]
    [InlineData("""{"intent": "total", "total": 123.45}""")]
    [InlineData("The total was $5,000.")]
    public async Task TranslateAsync_InvalidOrInventedOutput_IsRejected(string reply)
    {
        var parsed = await Translator(new FakeChatClient(reply)).TranslateAsync("something odd", DemoCatalog.Catalog, Today, CancellationToken.None);

        Assert.Null(parsed);
    }

    [Fact]
    public async Task TranslateAsync_EndpointFails_ReturnsNull()
    {
        var parsed = await Translator(new FakeChatClient(new HttpRequestException("refused"))).TranslateAsync("x", DemoCatalog.Catalog, Today, CancellationToken.None);

        Assert.Null(parsed);
    }

    [Fact]
    public async Task QuestionService_ParserUnderstands_ModelNotCalled()
    {
        var chat = new FakeChatClient("{}");
        var service = Service(new FakeCostQueryService().Add(Today.AddDays(-2), 10m, "payments"), chat);

        var answer = await service.AskAsync("how much did payments spend last week", Today, CancellationToken.None);

        Assert.True(answer.Question.Understood);
        Assert.False(answer.Question.FromLanguageModel);
        Assert.Empty(chat.Received);
    }

    [Fact]
    public async Task QuestionService_ParserFails_ModelQueryAnsweredByEngine()
    {
        var chat = new FakeChatClient("""{"intent": "total", "period": {"start": "2026-11-16", "end": "2026-11-23"}, "filters": {"team": ["payments"]}}""");
        var store = new FakeCostQueryService().Add(new DateOnly(2026, 11, 18), 42.5m, "payments").Add(new DateOnly(2026, 11, 18), 1000m, "checkout");
        var service = Service(store, chat);

        var answer = await service.AskAsync("what did the money people burn through", Today, CancellationToken.None);

        Assert.Single(chat.Received);
        Assert.True(answer.Question.FromLanguageModel);
        Assert.Equal(42.5m, answer.Total);
        Assert.StartsWith("Payments spent $42.50 from Nov 16 to Nov 22 (Nov 16-22, amortised)", answer.Text, StringComparison.Ordinal);
        Assert.Contains(answer.Card.Blocks.OfType<ContextBlock>(), b => b.Text.Contains("language model", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QuestionService_ModelRejected_FallsBackToHelp()
    {
        var service = Service(new FakeCostQueryService().Add(Today, 1m, "payments"), new FakeChatClient("I think about $3,000."));

        var answer = await service.AskAsync("tell me a joke", Today, CancellationToken.None);

        Assert.False(answer.Question.Understood);
        Assert.Equal("help", answer.Card.Kind);
        Assert.Null(answer.Total);
    }

    private static QuestionService Service(FakeCostQueryService store, FakeChatClient chat) => new(
        new ValueCatalogProvider(store, CostCalendar.Default, new FakeTimeProvider(), Options.Create(new ConversationOptions())),
        new QuestionAnswerer(store, NullLogger<QuestionAnswerer>.Instance),
        NullLogger<QuestionService>.Instance,
        Translator(chat));

    private sealed class FakeChatClient : IChatClient
    {
        private readonly string? _reply;
        private readonly Exception? _error;

        public FakeChatClient(string reply) => _reply = reply;

        public FakeChatClient(Exception error) => _error = error;

        public List<List<ChatMessage>> Received { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Received.Add(messages.ToList());
            return _error is not null ? Task.FromException<ChatResponse>(_error) : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, _reply)));
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var response = await GetResponseAsync(messages, options, cancellationToken);
            foreach (var update in response.ToChatResponseUpdates())
            {
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
