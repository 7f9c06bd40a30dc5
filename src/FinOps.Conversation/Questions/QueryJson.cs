using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Core.Query;

namespace FinOps.Conversation.Questions;

/// <summary>The JSON form of an understood question: the <c>query</c> object of the <c>ask --json</c> contract.</summary>
/// <remarks>
/// <c>{"intent": "total", "metric": "EffectiveCost", "period": {"start": "2026-11-01", "end": "2026-11-24"},
/// "comparePeriod": null, "filters": {"team": ["payments"]}, "groupBy": ["service"], "granularity": null, "top": null}</c>.
/// Periods are half-open; dimension names are <see cref="Dimension.ToString"/>; granularity is
/// <c>day</c>, <c>week</c> or <c>month</c>. The same form carries clarification choices in buttons and is what
/// the optional language model must produce, so <see cref="TryRead"/> validates it like user input.
/// </remarks>
public static partial class QueryJson
{
    private const int MaxValueLength = 200;
    private const int MaxPeriodDays = 5 * 366;

    public static JsonObject Write(QuestionIntent intent, CostQuery query) => Write(intent, query, QuestionMeasure.Amount);

    /// <summary>The query object; <c>measure</c>, <c>exclude</c>, <c>days</c> and <c>commitmentDiscountStatus</c> appear only when set.</summary>
    public static JsonObject Write(QuestionIntent intent, CostQuery query, QuestionMeasure measure)
    {
        var o = WriteCore(intent, query);
        AddKinds(o, query, measure);
        return o;
    }

    private static JsonObject WriteCore(QuestionIntent intent, CostQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new JsonObject();
        foreach (var (dimension, values) in query.Filters.OrderBy(f => f.Key.Kind).ThenBy(f => f.Key.TagKey, StringComparer.Ordinal))
        {
            filters[dimension.ToString()] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }

        return new JsonObject
        {
            ["intent"] = IntentName(intent),
            ["metric"] = query.Metric.ToString(),
            ["period"] = Period(query.Period),
            ["comparePeriod"] = query.ComparePeriod is null ? null : Period(query.ComparePeriod),
            ["filters"] = filters,
            ["groupBy"] = new JsonArray(query.GroupBy.Select(d => (JsonNode?)JsonValue.Create(d.ToString())).ToArray()),
            ["granularity"] = query.Granularity is { } g ? g.ToString().ToLowerInvariant() : null,
            ["top"] = query.Top,
        };
    }

    public static string IntentName(QuestionIntent intent) => intent.ToString().ToLowerInvariant();

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Reads and validates a query object; values are checked against <paramref name="catalog"/> and respelled as stored.</summary>
    public static bool TryRead(JsonNode? node, ValueCatalog catalog, out QuestionIntent intent, [NotNullWhen(true)] out CostQuery? query, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        intent = QuestionIntent.Unknown;
        query = null;
        try
        {
            if (node is not JsonObject o)
            {
                error = "the query must be a JSON object";
                return false;
            }

            if (!Enum.TryParse(o["intent"]?.GetValue<string>(), ignoreCase: true, out intent) || intent == QuestionIntent.Unknown || !Enum.IsDefined(intent))
            {
                error = "intent: unknown";
                return false;
            }

            var metric = CostMetric.EffectiveCost;
            if (o["metric"] is JsonValue metricValue && (!Enum.TryParse(metricValue.GetValue<string>(), ignoreCase: true, out metric) || !Enum.IsDefined(metric)))
            {
                error = "metric: must be EffectiveCost, BilledCost, ListCost or ContractedCost";
                return false;
            }

            if (!TryReadPeriod(o["period"], "period", out var period, out error))
            {
                return false;
            }

            DateRange? compare = null;
            if (o["comparePeriod"] is not null)
            {
                if (!TryReadPeriod(o["comparePeriod"], "comparePeriod", out var c, out error))
                {
                    return false;
                }

                compare = c;
            }

            var filters = new Dictionary<Dimension, IReadOnlyList<string>>();
            if (o["filters"] is JsonObject filterObject)
            {
                foreach (var (name, valuesNode) in filterObject)
                {
                    if (!Dimension.TryParse(name, out var dimension))
                    {
                        error = $"filters: unknown dimension '{name}'";
                        return false;
                    }

                    if (valuesNode is not JsonArray array || array.Count == 0)
                    {
                        error = $"filters.{name}: a non-empty list of values is needed";
                        return false;
                    }

                    var known = catalog.ValuesOf(dimension);
                    var values = new List<string>();
                    foreach (var item in array)
                    {
                        var text = item?.GetValue<string>()?.Trim();
                        if (string.IsNullOrEmpty(text) || text.Length > MaxValueLength)
                        {
                            error = $"filters.{name}: empty or too long value";
                            return false;
                        }

                        var canonical = known.Count > 0 ? catalog.Canonical(dimension, text) : text;
                        if (canonical is null)
                        {
                            error = $"filters.{name}: '{text}' is not in the data";
                            return false;
                        }

                        values.Add(canonical);
                    }

                    filters[dimension] = values;
                }
            }

            var groupBy = new List<Dimension>();
            if (o["groupBy"] is JsonArray groupArray)
            {
                foreach (var item in groupArray)
                {
                    var name = item?.GetValue<string>();
                    if (!Dimension.TryParse(name, out var dimension))
                    {
                        error = $"groupBy: unknown dimension '{name}'";
                        return false;
                    }

                    groupBy.Add(dimension);
                }
            }

            Granularity? granularity = null;
            if (o["granularity"] is JsonValue g)
            {
                if (!Enum.TryParse<Granularity>(g.GetValue<string>(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                {
                    error = "granularity: must be day, week or month";
                    return false;
                }

                granularity = parsed;
            }

            int? top = null;
            if (o["top"] is JsonValue topValue)
            {
                top = topValue.GetValue<int>();
                if (top is < 1 or > 100)
                {
                    error = "top: must be 1 to 100";
                    return false;
                }
            }

            // Fill what an intent needs and the JSON left out, as the parser would.
            if (intent is QuestionIntent.Breakdown or QuestionIntent.Top && groupBy.Count == 0)
            {
                groupBy.Add(Dimension.Team);
            }

            if (intent is QuestionIntent.Compare or QuestionIntent.Drivers)
            {
                compare ??= period.Previous();
            }

            if (intent == QuestionIntent.Top)
            {
                top ??= QuestionParser.DefaultTop;
            }

            if (intent == QuestionIntent.Trend)
            {
                granularity ??= period.Days <= 31 ? Granularity.Day : period.Days <= 120 ? Granularity.Week : Granularity.Month;
            }

            if (!TryReadKinds(o, catalog, out var exclusions, out var days, out var status, out error))
            {
                return false;
            }

            query = new CostQuery
            {
                Metric = metric,
                Period = period,
                ComparePeriod = compare,
                Filters = filters,
                GroupBy = groupBy,
                Granularity = granularity,
                Top = top,
                Exclusions = exclusions,
                Days = days,
                CommitmentDiscountStatus = status,
            };
            query.Validate();
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or JsonException)
        {
            query = null;
            error = ex.Message;
            return false;
        }
    }

    private static JsonObject Period(DateRange range) => new()
    {
        ["start"] = Date(range.Start),
        ["end"] = Date(range.End),
    };

    private static bool TryReadPeriod(JsonNode? node, string name, [NotNullWhen(true)] out DateRange? range, [NotNullWhen(false)] out string? error)
    {
        range = null;
        if (node is not JsonObject o
            || !DateOnly.TryParseExact(o["start"]?.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !DateOnly.TryParseExact(o["end"]?.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            error = $"{name}: start and end must be dates written YYYY-MM-DD";
            return false;
        }

        if (end <= start || end.DayNumber - start.DayNumber > MaxPeriodDays)
        {
            error = $"{name}: end must be after start and the period at most five years";
            return false;
        }

        if (start.Year < TimeExpressionParser.FirstYear || end.Year > TimeExpressionParser.LastYear)
        {
            // The comparison before such a period (or after it) would fall off the calendar: no export holds these years anyway.
            error = string.Create(CultureInfo.InvariantCulture, $"{name}: dates must lie in the years {TimeExpressionParser.FirstYear} to {TimeExpressionParser.LastYear}");
            return false;
        }

        range = new DateRange(start, end);
        error = null;
        return true;
    }
}
