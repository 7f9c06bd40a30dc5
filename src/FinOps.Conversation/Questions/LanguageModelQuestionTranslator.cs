using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Core.Calendar;
using FinOps.Core.Query;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Conversation.Questions;

/// <summary>Asks a chat model to translate a question into the query JSON of <see cref="QueryJson"/>; the result is validated like user input.</summary>
/// <remarks>
/// The model only chooses intent, metric, dates, filters and grouping: values must exist in the catalog and
/// dates must be valid, or the translation is rejected. Amounts always come from the cost engine.
/// </remarks>
public sealed partial class LanguageModelQuestionTranslator : IQuestionTranslator
{
    private const int MaxValuesPerDimension = 60;

    private readonly IChatClient _chat;
    private readonly CostCalendar _calendar;
    private readonly LanguageModelOptions _options;
    private readonly ILogger<LanguageModelQuestionTranslator> _logger;

    public LanguageModelQuestionTranslator(IChatClient chat, CostCalendar calendar, IOptions<LanguageModelOptions> options, ILogger<LanguageModelQuestionTranslator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _chat = chat ?? throw new ArgumentNullException(nameof(chat));
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        _options = options.Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task<ParsedQuestion?> TranslateAsync(string question, ValueCatalog catalog, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(catalog);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, _options.TimeoutSeconds)));
        string reply;
        try
        {
            var response = await _chat.GetResponseAsync(
                [new ChatMessage(ChatRole.System, SystemPrompt(catalog, today)), new ChatMessage(ChatRole.User, question)],
                new ChatOptions { Temperature = 0, ResponseFormat = ChatResponseFormat.Json },
                timeout.Token);
            reply = response.Text;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(_logger, "timeout");
            return null;
        }
        catch (HttpRequestException ex)
        {
            LogFailed(_logger, ex.GetType().Name);
            return null;
        }

        var json = ExtractObject(reply);
        JsonNode? node;
        try
        {
            node = json is null ? null : JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            node = null;
        }

        if (!QueryJson.TryRead(node, catalog, out var intent, out var query, out var error))
        {
            LogRejected(_logger, error);
            return null;
        }

        return new ParsedQuestion
        {
            Text = question,
            Intent = intent,
            Query = query,
            PeriodLabel = new PeriodLabel(PeriodLabels.Describe(query.Period, today), IsForecastHorizon: intent == QuestionIntent.Forecast),
            ComparePeriodLabel = query.ComparePeriod is null ? null : new PeriodLabel(PeriodLabels.Describe(query.ComparePeriod, today)),
            FromLanguageModel = true,
        };
    }

    private string SystemPrompt(ValueCatalog catalog, DateOnly today)
    {
        var sb = new StringBuilder();
        sb.AppendLine("You translate a cloud cost question into one JSON object and nothing else. Never answer the question and never output amounts.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Today is {today:yyyy-MM-dd} ({today.DayOfWeek}). Weeks start on Monday. The fiscal year starts in month {_calendar.FiscalYearStartMonth}.");
        sb.AppendLine("Periods are half-open: end is the day AFTER the last day. \"last week\" is the previous Monday-Sunday week; \"this month\" ends tomorrow; \"last N days\" ends today.");
        sb.AppendLine("Schema: {\"intent\": one of total|breakdown|top|trend|compare|drivers|forecast|unallocated|freshness|help, \"metric\": EffectiveCost (default)|BilledCost|ListCost|ContractedCost,");
        sb.AppendLine(" \"period\": {\"start\": \"YYYY-MM-DD\", \"end\": \"YYYY-MM-DD\"}, \"comparePeriod\": same or null (compare/drivers: the earlier period), \"filters\": {\"<dimension>\": [values]},");
        sb.AppendLine(" \"groupBy\": [at most two dimensions], \"granularity\": day|week|month or null (trend only), \"top\": integer or null (top only)}");
        sb.AppendLine("Dimensions: " + string.Join(", ", Dimension.Names) + ", or tag:<key>. Unallocated cost is the team value \"Unallocated\".");
        sb.AppendLine("Use only these values, spelled exactly:");
        foreach (var dimension in catalog.Dimensions.OrderBy(d => d.Kind))
        {
            var values = catalog.ValuesOf(dimension).Take(MaxValuesPerDimension);
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {dimension}: {string.Join(" | ", values)}");
        }

        return sb.ToString();
    }

    /// <summary>The first JSON object in the reply, tolerating a code fence or a sentence around it.</summary>
    internal static string? ExtractObject(string? reply)
    {
        if (string.IsNullOrEmpty(reply))
        {
            return null;
        }

        var start = reply.IndexOf('{', StringComparison.Ordinal);
        var end = reply.LastIndexOf('}');
        return start >= 0 && end > start ? reply[start..(end + 1)] : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The language model could not translate a question: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected the language model's query: {Error}")]
    private static partial void LogRejected(ILogger logger, string error);
}
