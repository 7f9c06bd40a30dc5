using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using FinOps.Core.Query;

namespace FinOps.Conversation.Questions;

public static partial class QueryJson
{
    private const int MaxStatusLength = 50;

    /// <summary>
    /// Keys added for the question kinds of issue 13, written only when set so every earlier query object stays
    /// byte for byte the same: <c>"measure"</c> (averagePerDay, averagePerMonth, share, weekdaysVsWeekends, savings,
    /// savingsRate, unusedCommitment), <c>"exclude": {"provider": ["AWS"]}</c>, <c>"days"</c> (weekdays or weekends) and
    /// <c>"commitmentDiscountStatus"</c>.
    /// </summary>
    private static void AddKinds(JsonObject o, CostQuery query, QuestionMeasure measure)
    {
        if (measure != QuestionMeasure.Amount)
        {
            o["measure"] = MeasureName(measure);
        }

        if (query.Exclusions.Count > 0)
        {
            var exclude = new JsonObject();
            foreach (var (dimension, values) in query.Exclusions.OrderBy(f => f.Key.Kind).ThenBy(f => f.Key.TagKey, StringComparer.Ordinal))
            {
                exclude[dimension.ToString()] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            }

            o["exclude"] = exclude;
        }

        if (query.Days != DayFilter.All)
        {
            o["days"] = query.Days.ToString().ToLowerInvariant();
        }

        if (query.CommitmentDiscountStatus is { } status)
        {
            o["commitmentDiscountStatus"] = status;
        }
    }

    /// <summary>The JSON name of a measure: camel case ("averagePerDay").</summary>
    public static string MeasureName(QuestionMeasure measure)
    {
        var name = measure.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The <c>measure</c> of a query object (a clarify button's payload); <see cref="QuestionMeasure.Amount"/> when absent or unknown.</summary>
    public static QuestionMeasure ReadMeasure(JsonNode? node)
    {
        if (node is JsonObject o && o["measure"] is JsonValue value && value.TryGetValue<string>(out var name)
            && Enum.TryParse<QuestionMeasure>(name, ignoreCase: true, out var measure) && Enum.IsDefined(measure))
        {
            return measure;
        }

        return QuestionMeasure.Amount;
    }

    private static bool TryReadKinds(JsonObject o, ValueCatalog catalog, out Dictionary<Dimension, IReadOnlyList<string>> exclusions, out DayFilter days, out string? status, [NotNullWhen(false)] out string? error)
    {
        exclusions = [];
        days = DayFilter.All;
        status = null;
        if (o["exclude"] is JsonObject excludeObject)
        {
            foreach (var (name, valuesNode) in excludeObject)
            {
                if (!Dimension.TryParse(name, out var dimension))
                {
                    error = $"exclude: unknown dimension '{name}'";
                    return false;
                }

                if (valuesNode is not JsonArray array || array.Count == 0)
                {
                    error = $"exclude.{name}: a non-empty list of values is needed";
                    return false;
                }

                var values = new List<string>();
                foreach (var item in array)
                {
                    var text = item?.GetValue<string>()?.Trim();
                    if (string.IsNullOrEmpty(text) || text.Length > MaxValueLength)
                    {
                        error = $"exclude.{name}: empty or too long value";
                        return false;
                    }

                    var known = catalog.ValuesOf(dimension);
                    var canonical = known.Count > 0 ? catalog.Canonical(dimension, text) : text;
                    if (canonical is null)
                    {
                        error = $"exclude.{name}: '{text}' is not in the data";
                        return false;
                    }

                    values.Add(canonical);
                }

                exclusions[dimension] = values;
            }
        }

        if (o["days"] is JsonValue daysValue && (!Enum.TryParse(daysValue.GetValue<string>(), ignoreCase: true, out days) || !Enum.IsDefined(days)))
        {
            error = "days: must be all, weekdays or weekends";
            return false;
        }

        if (o["commitmentDiscountStatus"] is JsonValue statusValue)
        {
            status = statusValue.GetValue<string>().Trim();
            if (status.Length is 0 or > MaxStatusLength)
            {
                error = "commitmentDiscountStatus: empty or too long";
                return false;
            }
        }

        error = null;
        return true;
    }
}
