using System.Globalization;
using FinOps.Core.Query;

namespace FinOps.Benchmarks;

/// <summary>The ten query shapes, as of <see cref="BenchData.AsOf"/>, with DuckDB SQL of the same semantics.</summary>
/// <remarks>
/// Same semantics: half-open date ranges; one result per billing currency (never summed across); top N per
/// currency with the total over all groups; team is the <c>team</c> tag (keys <c>team</c>, <c>Team</c>,
/// <c> team</c>: the demo's spellings that <see cref="TagTeamAssignment"/> accepts), trimmed and lower-cased,
/// else Unallocated; resource is ResourceName else ResourceId; account is SubAccountName else SubAccountId.
/// </remarks>
public static class QueryShapes
{
    public const string Team =
        "coalesce(nullif(lower(trim(coalesce(json_extract_string(nullif(Tags, ''), '$.team'), json_extract_string(nullif(Tags, ''), '$.Team'), json_extract_string(nullif(Tags, ''), '$.\" team\"')))), ''), 'Unallocated')";

    private const string Resource = "coalesce(nullif(ResourceName, ''), ResourceId)";
    private const string Account = "coalesce(nullif(SubAccountName, ''), SubAccountId)";

    public static IReadOnlyList<QueryShape> All(DateOnly asOf)
    {
        var thisMonth = new DateOnly(asOf.Year, asOf.Month, 1);
        var lastMonth = new DateRange(thisMonth.AddMonths(-1), thisMonth);
        var monthToDate = new DateRange(thisMonth, asOf.AddDays(1));
        var sameDaysLastMonth = new DateRange(lastMonth.Start, lastMonth.Start.AddDays(monthToDate.Days));
        var last30 = new DateRange(asOf.AddDays(-30), asOf);
        var last90 = new DateRange(asOf.AddDays(-90), asOf);
        var twelveMonths = new DateRange(thisMonth.AddMonths(-12), thisMonth);
        var quarterStart = new DateOnly(asOf.Year, ((asOf.Month - 1) / 3 * 3) + 1, 1);
        var lastQuarter = new DateRange(quarterStart.AddMonths(-3), quarterStart);

        return
        [
            new(
                "total last month",
                new CostQuery { Period = lastMonth },
                $"SELECT BillingCurrency, SUM(effective) FROM daily WHERE {In(lastMonth)} GROUP BY ALL",
                "effective",
                In(lastMonth)),
            new(
                "by team last month",
                new CostQuery { Period = lastMonth, GroupBy = [Dimension.Team] },
                $"SELECT BillingCurrency, {Team} AS team, SUM(effective) AS v FROM daily WHERE {In(lastMonth)} GROUP BY ALL ORDER BY v DESC",
                "effective",
                In(lastMonth)),
            new(
                "top 5 services last month",
                new CostQuery { Period = lastMonth, GroupBy = [Dimension.Service], Top = 5 },
                TopN($"SELECT BillingCurrency AS c, ServiceName AS k, SUM(effective) AS v FROM daily WHERE {In(lastMonth)} GROUP BY ALL", 5),
                "effective",
                In(lastMonth)),
            new(
                "daily trend team payments 30d",
                new CostQuery { Period = last30, Filters = Filter(Dimension.Team, "payments"), Granularity = Granularity.Day },
                $"SELECT BillingCurrency, day, SUM(effective) FROM daily WHERE {In(last30)} AND {Team} = 'payments' GROUP BY ALL ORDER BY day",
                "effective",
                $"{In(last30)} AND {Team} = 'payments'"),
            new(
                "tag env=prod last month",
                new CostQuery { Period = lastMonth, Filters = Filter(Dimension.Tag("env"), "prod") },
                $"SELECT BillingCurrency, SUM(effective) FROM daily WHERE {In(lastMonth)} AND {EnvProd} GROUP BY ALL",
                "effective",
                $"{In(lastMonth)} AND {EnvProd}"),
            new(
                "top 5 resources last month",
                new CostQuery { Period = lastMonth, GroupBy = [Dimension.Resource], Top = 5 },
                TopN($"SELECT BillingCurrency AS c, {Resource} AS k, SUM(effective) AS v FROM daily WHERE {In(lastMonth)} GROUP BY ALL", 5),
                "effective",
                In(lastMonth)),
            new(
                "providers MTD vs last month",
                new CostQuery { Period = monthToDate, ComparePeriod = sameDaysLastMonth, GroupBy = [Dimension.Provider] },
                $"SELECT BillingCurrency, ProviderName, SUM(effective) FILTER (WHERE {In(monthToDate)}) AS v, SUM(effective) FILTER (WHERE {In(sameDaysLastMonth)}) AS previous " +
                $"FROM daily WHERE ({In(monthToDate)}) OR ({In(sameDaysLastMonth)}) GROUP BY ALL ORDER BY v DESC",
                "effective",
                In(monthToDate),
                In(sameDaysLastMonth)),
            new(
                "monthly trend by provider 12m",
                new CostQuery { Period = twelveMonths, GroupBy = [Dimension.Provider], Granularity = Granularity.Month },
                $"SELECT BillingCurrency, ProviderName, date_trunc('month', day) AS m, SUM(effective) FROM daily WHERE {In(twelveMonths)} GROUP BY ALL ORDER BY m",
                "effective",
                In(twelveMonths)),
            new(
                "AWS billed by account 90d",
                new CostQuery { Metric = CostMetric.BilledCost, Period = last90, Filters = Filter(Dimension.Provider, "AWS"), GroupBy = [Dimension.Account] },
                $"SELECT BillingCurrency, {Account} AS account, SUM(billed) AS v FROM daily WHERE {In(last90)} AND ProviderName = 'AWS' GROUP BY ALL ORDER BY v DESC",
                "billed",
                $"{In(last90)} AND ProviderName = 'AWS'"),
            new(
                "usage region x service top 10 last quarter",
                new CostQuery { Period = lastQuarter, Filters = Filter(Dimension.ChargeCategory, "Usage"), GroupBy = [Dimension.Region, Dimension.Service], Top = 10 },
                TopN($"SELECT BillingCurrency AS c, RegionId AS k, ServiceName AS k2, SUM(effective) AS v FROM daily WHERE {In(lastQuarter)} AND ChargeCategory = 'Usage' GROUP BY ALL", 10),
                "effective",
                $"{In(lastQuarter)} AND ChargeCategory = 'Usage'"),
        ];
    }

    private const string EnvProd = "lower(trim(json_extract_string(nullif(Tags, ''), '$.env'))) = 'prod'";

    private static Dictionary<Dimension, IReadOnlyList<string>> Filter(Dimension dimension, string value) => new() { [dimension] = [value] };

    private static string In(DateRange range) => string.Create(
        CultureInfo.InvariantCulture,
        $"day >= DATE '{range.Start:yyyy-MM-dd}' AND day < DATE '{range.End:yyyy-MM-dd}'");

    /// <summary>The N largest groups per currency, each row carrying the currency's total over all groups (ours reports the rest as "other").</summary>
    private static string TopN(string grouped, int n) => string.Create(
        CultureInfo.InvariantCulture,
        $"SELECT *, SUM(v) OVER (PARTITION BY c) AS total FROM ({grouped}) QUALIFY row_number() OVER (PARTITION BY c ORDER BY v DESC) <= {n} ORDER BY c, v DESC");
}
