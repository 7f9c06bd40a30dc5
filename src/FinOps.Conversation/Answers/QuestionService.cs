using FinOps.Conversation.Cards;
using FinOps.Conversation.Questions;
using FinOps.Core.Query;
using Microsoft.Extensions.Logging;

namespace FinOps.Conversation.Answers;

/// <summary>Question in, answer out: the catalog-backed parser, the optional language model fallback and the answerer.</summary>
public sealed partial class QuestionService
{
    private readonly IValueCatalogProvider _catalogs;
    private readonly QuestionAnswerer _answerer;
    private readonly IQuestionTranslator? _translator;
    private readonly ILogger<QuestionService> _logger;

    public QuestionService(IValueCatalogProvider catalogs, QuestionAnswerer answerer, ILogger<QuestionService> logger, IQuestionTranslator? translator = null)
    {
        _catalogs = catalogs ?? throw new ArgumentNullException(nameof(catalogs));
        _answerer = answerer ?? throw new ArgumentNullException(nameof(answerer));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _translator = translator;
    }

    /// <summary>Understands <paramref name="text"/>; the language model, when configured, sees only what the parser could not handle.</summary>
    public async Task<ParsedQuestion> ParseAsync(string text, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = await _catalogs.GetParserAsync(cancellationToken);
        var parsed = parser.Parse(text, today);
        if (_translator is not null && parsed.PeriodProblem is null && (!parsed.Understood || parsed.UnrecognisedWords.Count > 0))
        {
            var translated = await _translator.TranslateAsync(text, parser.Catalog, today, cancellationToken);
            if (translated is not null)
            {
                LogTranslated(_logger, translated.Intent);
                return translated;
            }
        }

        return parsed;
    }

    /// <summary>Understands <paramref name="text"/> as a follow-up of <paramref name="previous"/> when it is one ("and the month before?"), else on its own.</summary>
    public async Task<ParsedQuestion> ParseAsync(string text, DateOnly today, ParsedQuestion? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (previous is null)
        {
            return await ParseAsync(text, today, cancellationToken);
        }

        var parser = await _catalogs.GetParserAsync(cancellationToken);
        var parsed = parser.Parse(text, today, previous);
        if (parsed.FollowUpOf is not null)
        {
            LogFollowUp(_logger, previous.Intent, parsed.Intent);
            return parsed;
        }

        return await ParseAsync(text, today, cancellationToken);
    }

    public async Task<QuestionAnswer> AskAsync(string text, DateOnly today, CancellationToken cancellationToken)
    {
        var parsed = await ParseAsync(text, today, cancellationToken);
        return await AnswerAsync(parsed, today, cancellationToken);
    }

    public async Task<QuestionAnswer> AnswerAsync(ParsedQuestion question, DateOnly today, CancellationToken cancellationToken)
    {
        var parser = await _catalogs.GetParserAsync(cancellationToken);
        try
        {
            var answer = await _answerer.AnswerAsync(question, parser.Catalog, today, cancellationToken);
            return DrillDowns.Add(answer, question, parser, today);
        }
        catch (CostDataUnavailableException ex)
        {
            // One damaged billing slice fails the questions that touch it with a message meant for the asker; every other question is answered.
            LogDataUnavailable(_logger, question.Intent);
            var text = ex.Message;
            return new QuestionAnswer(question, null, null, null, [], text, new Card("answer", text, [new TextBlock(text)]));
        }
    }

    /// <summary>The catalog the parser currently uses (for validating queries carried by buttons).</summary>
    public async Task<ValueCatalog> GetCatalogAsync(CancellationToken cancellationToken) =>
        (await _catalogs.GetParserAsync(cancellationToken)).Catalog;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Intent} question touched cost data that cannot be read")]
    private static partial void LogDataUnavailable(ILogger logger, QuestionIntent intent);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Read a follow-up of a {PreviousIntent} question as a {Intent} question")]
    private static partial void LogFollowUp(ILogger logger, QuestionIntent previousIntent, QuestionIntent intent);

    [LoggerMessage(Level = LogLevel.Information, Message = "The language model translated a question the parser could not handle into a {Intent} query")]
    private static partial void LogTranslated(ILogger logger, QuestionIntent intent);
}
