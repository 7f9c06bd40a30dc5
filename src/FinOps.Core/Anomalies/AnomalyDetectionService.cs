using FinOps.Core.Query;

namespace FinOps.Core.Anomalies;

/// <summary>Loads the usage-cost series from the cost store, replays the daily detection and explains each incident.</summary>
/// <remarks>
/// Only FOCUS ChargeCategory <c>Usage</c> counts: purchases (commitment fees), taxes, credits, refunds and adjustments
/// never make an anomaly. Series: per team, per team and service, per account (SubAccountName). The history is read
/// in two queries for the whole replay; a run date only ever reads the values of the days before it.
/// </remarks>
public sealed class AnomalyDetectionService(ICostQueryService costs, AnomalyOptions options)
{
    /// <summary>Days of data read before the first judged day (the model looks back eight weeks).</summary>
    public const int LookBackDays = SeriesModel.HistoryDays + 14;

    public const int MaxRootCauses = 10;

    private static readonly IReadOnlyDictionary<Dimension, IReadOnlyList<string>> UsageOnly =
        new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.ChargeCategory] = ["Usage"] };

    /// <summary>Replays run dates [<paramref name="fromRun"/>, <paramref name="toRun"/>); <paramref name="all"/> keeps raw detections below the alert thresholds.</summary>
    public async Task<IReadOnlyList<CostAnomaly>> ReplayAsync(DateOnly fromRun, DateOnly toRun, bool all, CancellationToken cancellationToken)
    {
        if (toRun <= fromRun)
        {
            return [];
        }

        var firstDay = fromRun.AddDays(-1 - LookBackDays);
        var lastDay = toRun.AddDays(-1);
        var series = await LoadSeriesAsync(new DateRange(firstDay, lastDay), cancellationToken);
        var anomalies = new AnomalyReplay(options).Run(series, firstDay, fromRun, toRun, all);
        var explained = new List<CostAnomaly>(anomalies.Count);
        foreach (var anomaly in anomalies)
        {
            explained.Add(anomaly with { RootCauses = await RootCausesAsync(anomaly, cancellationToken) });
        }

        return explained;
    }

    /// <summary>
    /// As <see cref="ReplayAsync(DateOnly, DateOnly, bool, CancellationToken)"/>, without the incidents that feedback silences
    /// (<paramref name="suppression"/>: repeats of changes marked expected, muted services); null silences nothing.
    /// </summary>
    public async Task<IReadOnlyList<CostAnomaly>> ReplayAsync(DateOnly fromRun, DateOnly toRun, bool all, AnomalySuppression? suppression, CancellationToken cancellationToken)
    {
        var anomalies = await ReplayAsync(fromRun, toRun, all, cancellationToken);
        return suppression is null ? anomalies : suppression.Filter(anomalies);
    }

    /// <summary>The series of <paramref name="period"/>: index 0 is its first day.</summary>
    public async Task<IReadOnlyList<AnomalySeries>> LoadSeriesAsync(DateRange period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var days = period.Days;
        var series = new List<AnomalySeries>();
        var byTeamService = await costs.QueryAsync(Daily(period, [Dimension.Team, Dimension.Service]), cancellationToken);
        foreach (var currency in byTeamService.ByCurrency)
        {
            var teams = new SortedDictionary<string, decimal[]>(StringComparer.Ordinal);
            var services = new SortedDictionary<(string Team, string Service), decimal[]>();
            foreach (var row in currency.Rows)
            {
                var i = row.Bucket!.Value.DayNumber - period.Start.DayNumber;
                Values(teams, row.Key[0], days)[i] += row.Value;
                Values(services, (row.Key[0], row.Key[1]), days)[i] += row.Value;
            }

            foreach (var (team, values) in teams)
            {
                series.Add(new AnomalySeries([new("team", team)], currency.Currency, values));
            }

            foreach (var ((team, service), values) in services)
            {
                series.Add(new AnomalySeries([new("team", team), new("service", service)], currency.Currency, values));
            }
        }

        var byAccount = await costs.QueryAsync(Daily(period, [Dimension.Account, Dimension.Team]), cancellationToken);
        foreach (var currency in byAccount.ByCurrency)
        {
            var accounts = new SortedDictionary<string, (decimal[] Total, Dictionary<string, decimal[]> Parts)>(StringComparer.Ordinal);
            foreach (var row in currency.Rows)
            {
                var i = row.Bucket!.Value.DayNumber - period.Start.DayNumber;
                if (!accounts.TryGetValue(row.Key[0], out var account))
                {
                    account = (new decimal[days], new Dictionary<string, decimal[]>(StringComparer.Ordinal));
                    accounts[row.Key[0]] = account;
                }

                account.Total[i] += row.Value;
                Values(account.Parts, row.Key[1], days)[i] += row.Value;
            }

            foreach (var (account, (total, parts)) in accounts)
            {
                series.Add(new AnomalySeries([new("account", account)], currency.Currency, total) { Parts = parts });
            }
        }

        return series;
    }

    /// <summary>
    /// The resources that moved most over the incident's days against the same weekdays whole weeks before, largest
    /// absolute impact first, at most <see cref="MaxRootCauses"/>; each with its service, account and region (and team
    /// when the scope has none).
    /// </summary>
    public async Task<IReadOnlyList<AnomalyRootCause>> RootCausesAsync(CostAnomaly anomaly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        var shift = 7 * ((anomaly.Days + 6) / 7);
        var period = new DateRange(anomaly.Start, anomaly.End);
        var compare = new DateRange(anomaly.Start.AddDays(-shift), anomaly.End.AddDays(-shift));
        var filters = new Dictionary<Dimension, IReadOnlyList<string>>(UsageOnly);
        foreach (var (name, value) in anomaly.Scope)
        {
            filters[Dimension.Parse(name)] = [value];
        }

        var attributes = new List<Dimension> { Dimension.Service, Dimension.Account, Dimension.Region };
        if (!anomaly.Scope.Any(p => p.Key == "team"))
        {
            attributes.Insert(0, Dimension.Team);
        }

        var resources = new Dictionary<string, (decimal Value, decimal Compare, List<KeyValuePair<string, string>> Key)>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            var result = await costs.QueryAsync(
                new CostQuery { Period = period, ComparePeriod = compare, Filters = filters, GroupBy = [Dimension.Resource, attribute] },
                cancellationToken);
            var rows = result.ByCurrency.FirstOrDefault(c => c.Currency == anomaly.Currency)?.Rows ?? [];
            var strongest = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                var resource = row.Key[0];
                var weight = Math.Abs(row.Value) + Math.Abs(row.CompareValue ?? 0);
                if (!resources.TryGetValue(resource, out var entry))
                {
                    entry = (0, 0, []);
                }

                if (attribute == attributes[0])
                {
                    entry = (entry.Value + row.Value, entry.Compare + (row.CompareValue ?? 0), entry.Key);
                }

                // A resource seen under several values (rare: a resource moved region) is shown with its largest.
                if (weight > strongest.GetValueOrDefault(resource, -1))
                {
                    strongest[resource] = weight;
                    entry.Key.RemoveAll(p => p.Key == attribute.ToString());
                    entry.Key.Add(new(attribute.ToString(), row.Key[1]));
                }

                resources[resource] = entry;
            }
        }

        var top = resources
            .Select(r => (Resource: r.Key, Impact: r.Value.Value - r.Value.Compare, r.Value.Compare, r.Value.Key))
            .Where(r => r.Impact != 0)
            .OrderByDescending(r => Math.Abs(r.Impact))
            .ThenBy(r => r.Resource, StringComparer.Ordinal)
            .Take(MaxRootCauses)
            .ToList();
        var newSince = await NewSinceAsync(top.Where(r => r.Compare == 0).Select(r => r.Resource).ToList(), filters, compare.Start, anomaly, cancellationToken);
        return [.. top.Select(r => new AnomalyRootCause(
            [.. r.Key.OrderBy(p => Order(p.Key)), new("resource", r.Resource)],
            r.Impact,
            newSince.TryGetValue(r.Resource, out var since) ? since : null))];
    }

    private async Task<Dictionary<string, DateOnly>> NewSinceAsync(List<string> resources, Dictionary<Dimension, IReadOnlyList<string>> filters,
        DateOnly from, CostAnomaly anomaly, CancellationToken cancellationToken)
    {
        var firstDays = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        if (resources.Count == 0)
        {
            return firstDays;
        }

        var withResources = new Dictionary<Dimension, IReadOnlyList<string>>(filters) { [Dimension.Resource] = resources };
        var result = await costs.QueryAsync(
            new CostQuery { Period = new DateRange(from, anomaly.End), Filters = withResources, GroupBy = [Dimension.Resource], Granularity = Granularity.Day },
            cancellationToken);
        foreach (var row in result.ByCurrency.FirstOrDefault(c => c.Currency == anomaly.Currency)?.Rows ?? [])
        {
            if (row.Value != 0 && row.Bucket is { } day && (!firstDays.TryGetValue(row.Key[0], out var known) || day < known))
            {
                firstDays[row.Key[0]] = day;
            }
        }

        return firstDays;
    }

    private static int Order(string dimension) => dimension switch
    {
        "team" => 0,
        "service" => 1,
        "account" => 2,
        "region" => 3,
        _ => 4,
    };

    private static CostQuery Daily(DateRange period, IReadOnlyList<Dimension> groupBy) => new()
    {
        Period = period,
        Filters = UsageOnly,
        GroupBy = groupBy,
        Granularity = Granularity.Day,
    };

    private static decimal[] Values<TKey>(IDictionary<TKey, decimal[]> map, TKey key, int days)
    {
        if (!map.TryGetValue(key, out var values))
        {
            values = new decimal[days];
            map[key] = values;
        }

        return values;
    }
}
