using FinOps.Conversation.Questions;
using FinOps.Core.Freshness;
using FinOps.Core.Query;

namespace FinOps.Conversation.Answers;

public sealed partial class QuestionAnswerer
{
    /// <summary>How far back each provider's last day is looked for; a provider silent for longer has stopped, not lagged.</summary>
    private const int ProviderWindowDays = 14;

    /// <summary>The last complete day for the question's query: the store's last day, never today or later, and per provider when a period runs past it.</summary>
    /// <remarks>
    /// Today is never complete (exports arrive a day or more after the usage). When the question's period runs past that
    /// day, each provider's last day with cost in the last <see cref="ProviderWindowDays"/> days is looked up (only the
    /// providers the question names, if it names any) and the earliest wins: otherwise a provider whose export lags a
    /// day would make the last day look like a drop in spend.
    /// When ingestion sources have delivered (<paramref name="synced"/>), their records are the source of truth instead: the
    /// earliest last complete day of the providers the question concerns (all, or those it names), never later than the data.
    /// </remarks>
    private async Task<DataThrough?> DataThroughAsync(
        ParsedQuestion question, DataCoverage? coverage, IReadOnlyList<ProviderFreshness> synced, DateOnly today, CancellationToken cancellationToken)
    {
        if (coverage is null || coverage.Dates.IsEmpty)
        {
            return null;
        }

        var query = question.Query!;
        var last = coverage.Dates.End.AddDays(-1);
        var through = last < today.AddDays(-1) ? last : today.AddDays(-1);
        if (synced.Count > 0)
        {
            var named = query.Filters.TryGetValue(Dimension.Provider, out var values) ? values : null;
            var concerned = named is null ? synced : synced.Where(p => named.Contains(p.Provider, StringComparer.OrdinalIgnoreCase)).ToList();
            if (concerned.Count > 0)
            {
                var syncedDay = concerned.Min(p => p.CompleteThrough);
                return new DataThrough(syncedDay < through ? syncedDay : through, []) { Synced = synced };
            }
        }
        if (question.Intent == QuestionIntent.Freshness || query.Period.End <= through.AddDays(1) || query.Period.Start > through)
        {
            return new DataThrough(through, []);
        }

        var windowStart = through.AddDays(1 - ProviderWindowDays);
        var window = new DateRange(windowStart > coverage.Dates.Start ? windowStart : coverage.Dates.Start, through.AddDays(1));
        var filters = query.Filters.Where(f => f.Key == Dimension.Provider).ToDictionary(f => f.Key, f => f.Value);
        var byDay = await _queries.QueryAsync(new CostQuery { Metric = query.Metric, Period = window, Filters = filters, GroupBy = [Dimension.Provider], Granularity = Granularity.Day }, cancellationToken);
        var providers = byDay.ByCurrency.SelectMany(p => p.Rows)
            .Where(r => r.Bucket is not null && r.Value != 0 && r.Key.Count > 0)
            .GroupBy(r => r.Key[0], StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, DateOnly>(g.Key, g.Max(r => r.Bucket!.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToList();
        if (providers.Count < 2 || providers.All(p => p.Value == providers[0].Value))
        {
            // One provider, or all on the same day: the store's own last day already says how far the data goes.
            return new DataThrough(through, []);
        }

        var earliest = providers.Min(p => p.Value);
        return new DataThrough(earliest < through ? earliest : through, providers);
    }

    /// <summary>Ends a period that runs past the last complete day at that day; what it is compared with keeps the same number of days.</summary>
    /// <remarks>Only periods that run into today ("this month", "year to date", the default period) move; a forecast keeps its horizon.</remarks>
    private static ParsedQuestion EndAtCompleteData(ParsedQuestion question, DataThrough? dataThrough, DateOnly today)
    {
        var query = question.Query!;
        if (dataThrough is null || question.Intent is QuestionIntent.Forecast or QuestionIntent.Freshness)
        {
            return question;
        }

        var end = dataThrough.Day.AddDays(1);
        if (query.Period.End <= today || query.Period.End <= end || query.Period.Start >= end)
        {
            return question;
        }

        var period = new DateRange(query.Period.Start, end);
        var label = question.PeriodLabel.Phrase;
        var through = "through " + AnswerFormat.Day(dataThrough.Day, today.Year);
        label = label.EndsWith(" so far", StringComparison.Ordinal) ? label[..^" so far".Length] + " " + through : label + " " + through;
        var compareLabel = question.ComparePeriodLabel;
        DateRange? compare = null;
        if (query.ComparePeriod is { } before)
        {
            compare = SameDays(before, period.Days);
            if (compare.Days < before.Days && question.Query!.Period.Days != before.Days && compareLabel is not null && !compareLabel.Phrase.StartsWith("the same ", StringComparison.Ordinal))
            {
                // "this month vs last month": the same days of last month, never all of it.
                compareLabel = compareLabel with { Phrase = "the same days of " + compareLabel.Phrase };
            }
        }

        return question with
        {
            Query = query with { Period = period, ComparePeriod = compare },
            PeriodLabel = question.PeriodLabel with { Phrase = label },
            ComparePeriodLabel = compareLabel,
            ContextComparePeriod = question.ContextComparePeriod is { } context ? SameDays(context, period.Days) : null,
        };
    }

    /// <summary>The first <paramref name="days"/> days of <paramref name="range"/> (all of it when shorter).</summary>
    private static DateRange SameDays(DateRange range, int days) =>
        new(range.Start, range.Days > days ? range.Start.AddDays(days) : range.End);
}
