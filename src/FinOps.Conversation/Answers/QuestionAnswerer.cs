using FinOps.Conversation.Cards;
using FinOps.Conversation.Questions;
using FinOps.Core.Forecasting;
using FinOps.Core.Freshness;
using FinOps.Core.Query;
using FinOps.Core.UnitEconomics;
using Microsoft.Extensions.Logging;

namespace FinOps.Conversation.Answers;

/// <summary>Runs the query behind a <see cref="ParsedQuestion"/> and composes the answer: numbers only from query results.</summary>
/// <remarks>
/// The first sentence is the direct answer with number, currency, period and metric ("Payments spent $6,880.66
/// last week (Nov 16-22, amortised), up 4% on the week before."). Then, by intent: a breakdown table, a trend
/// chart, the drivers of a change (team, service and resource ranked by absolute change), a forecast with its
/// 80% interval (<see cref="ICostForecaster"/>), and a context line with the period, the metric and the data's freshness. Questions that
/// were not understood get a help card whose examples use values from the user's own data.
/// </remarks>
public sealed partial class QuestionAnswerer
{
    /// <summary>Button of a clarification card; its payload carries the resolved alternative query.</summary>
    public const string ClarifyActionId = "question.clarify";

    /// <summary>Button of a help card; its payload carries an example question to ask.</summary>
    public const string AskExampleActionId = "help.ask";

    private const int TableRows = 10;
    private const int DriversPerDimension = 3;
    private static readonly Dimension[] DriverDimensions = [Dimension.Team, Dimension.Service, Dimension.Resource];

    private readonly ICostQueryService _queries;
    private readonly ICostForecaster _forecaster;
    private readonly IBusinessMetrics? _metrics;
    private readonly IDataFreshness? _freshness;
    private readonly ILogger<QuestionAnswerer> _logger;

    /// <param name="queries">The cost store.</param>
    /// <param name="logger">Logs.</param>
    /// <param name="metrics">Business metrics for unit-cost questions; without them such questions say none are imported.</param>
    /// <param name="forecaster">Forecasts for "forecast" questions; a <see cref="CostForecaster"/> over <paramref name="queries"/> when null.</param>
    /// <param name="freshness">How far the synced exports are complete; when sources have delivered, it decides the last complete day instead of the data.</param>
    public QuestionAnswerer(ICostQueryService queries, ILogger<QuestionAnswerer> logger, IBusinessMetrics? metrics = null, ICostForecaster? forecaster = null, IDataFreshness? freshness = null)
    {
        _freshness = freshness;
        _queries = queries ?? throw new ArgumentNullException(nameof(queries));
        _forecaster = forecaster ?? new CostForecaster(queries);
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _metrics = metrics;
    }

    /// <summary>Answers <paramref name="question"/> as of <paramref name="today"/>; <paramref name="catalog"/> supplies help examples.</summary>
    public async Task<QuestionAnswer> AnswerAsync(ParsedQuestion question, ValueCatalog catalog, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(catalog);
        if (question.PeriodProblem is { } problem)
        {
            LogPeriodProblem(_logger, question.Text.Length);
            return PeriodProblem(question, problem);
        }

        if (!question.Understood)
        {
            LogNotUnderstood(_logger, question.Text.Length);
            return HelpCards.Help(question, catalog, notUnderstood: true);
        }

        if (question.Intent == QuestionIntent.Help)
        {
            return HelpCards.Help(question, catalog, notUnderstood: false);
        }

        if (question.Ambiguities.Count > 0)
        {
            return WithClarifyOptions(HelpCards.Clarify(question));
        }

        if (question.Unapplied.Count > 0)
        {
            return AskBackUnapplied(question);
        }

        if (await UnknownResourceAsync(question, cancellationToken) is { } unknownResource)
        {
            return unknownResource;
        }

        var coverage = await _queries.GetCoverageAsync(cancellationToken);
        var asked = new AnswerContext(question, question.Query!, today, coverage);
        var complete = coverage is null ? null : (DateOnly?)Earlier(coverage.Dates.End, today);
        if (complete is { } end && question.Intent is not (QuestionIntent.Freshness or QuestionIntent.Forecast) && question.Query!.Period.Start >= end)
        {
            // "spend today" before today's export has arrived: say so instead of reporting $0.00 "down 100%".
            return NoDataYet(asked, end.AddDays(-1)) with { DataThrough = end.AddDays(-1) };
        }

        var synced = _freshness is null ? [] : ProviderFreshness.Summarise(await _freshness.GetAsync(cancellationToken));
        var dataThrough = await DataThroughAsync(question, coverage, synced, today, cancellationToken);
        question = EndAtCompleteData(question, dataThrough, today);
        var context = new AnswerContext(question, question.Query!, today, coverage) { DataThrough = dataThrough };

        var answer = await MeasureAsync(context, cancellationToken) ?? question.Intent switch
        {
            QuestionIntent.Freshness => Freshness(context),
            QuestionIntent.Total => await TotalAsync(context, cancellationToken),
            QuestionIntent.Breakdown or QuestionIntent.Top => await BreakdownAsync(context, cancellationToken),
            QuestionIntent.Trend => await TrendAsync(context, cancellationToken),
            QuestionIntent.Compare => await CompareAsync(context, cancellationToken),
            QuestionIntent.Drivers => await DriversAsync(context, cancellationToken),
            QuestionIntent.Forecast => await ForecastAsync(context, cancellationToken),
            QuestionIntent.Unallocated => await UnallocatedAsync(context, cancellationToken),
            QuestionIntent.UnitCost => await UnitCostAsync(context, cancellationToken),
            _ => HelpCards.Help(question, catalog, notUnderstood: true),
        };
        answer = WithShares(answer);
        if (question.UnrecognisedWords.Count > 0 && question.Intent != QuestionIntent.Freshness)
        {
            // Said first, so a figure for all spend never passes for "gpus" spend (issue 13: never answer a different question silently).
            var words = AnswerFormat.JoinAnd(question.UnrecognisedWords.Select(w => "\"" + w + "\"").ToList());
            var verb = question.UnrecognisedWords.Count == 1 ? "is" : "are";
            answer = answer with { Text = $"Note: {words} {verb} not a team, service or other value in the cost data, so the figures are not narrowed by it. {answer.Text}" };
        }

        if (dataThrough is { Synced.Count: > 0 } && FreshnessText.Sentence(dataThrough.Synced, today.Year) is { } completeSentence && question.Intent != QuestionIntent.Freshness)
        {
            // Said in the text too, so a plain-text reader (ask, a notification) knows how far each export is complete.
            answer = answer with { Text = answer.Text + " " + completeSentence, CompleteThrough = dataThrough.Synced };
        }
        else if (dataThrough is { Synced.Count: > 0 })
        {
            answer = answer with { CompleteThrough = dataThrough.Synced };
        }

        LogAnswered(_logger, question.Intent, answer.Rows.Count);
        return answer with { DataThrough = dataThrough?.Day };
    }

    private static DateOnly Earlier(DateOnly a, DateOnly b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Answered a {Intent} question with {RowCount} rows")]
    private static partial void LogAnswered(ILogger logger, QuestionIntent intent, int rowCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "A question of {Length} characters named a period that cannot be used")]
    private static partial void LogPeriodProblem(ILogger logger, int length);

    [LoggerMessage(Level = LogLevel.Information, Message = "A question of {Length} characters was not understood")]
    private static partial void LogNotUnderstood(ILogger logger, int length);
}
