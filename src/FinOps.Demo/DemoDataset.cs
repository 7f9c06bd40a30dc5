using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FinOps.Demo;

/// <summary>The planned demo data (days, resources, commitments, anomalies) and the stream of its rows.</summary>
/// <remarks>
/// Memory is the plan only (resources grow with the target size, about one per 300 rows); rows are produced
/// one at a time into a reused <see cref="DemoRow"/>. Every value is a pure function of the seed and its
/// coordinates, so two runs with the same options give byte-identical output.
/// </remarks>
internal sealed partial class DemoDataset
{
    private const double ReferenceRowsPerDay = 200_000 / 395.0;
    private const double DailyGrowth = 1.0003;

    private static readonly (string Team, double Weight)[] TeamWeights =
    [
        ("payments", 12), ("checkout", 11), ("search", 10), ("platform", 12), ("data", 13),
        ("ml", 10), ("identity", 8), ("mobile", 8), ("growth", 8), ("", 3),
    ];

    // Where each team runs things: (provider, sub-account name, weight). "" is the shared networking pools.
    private static readonly (string Team, string Provider, string Account, double Weight)[] Placements =
    [
        ("payments", DemoCatalog.Aws, "payments-prod", 7), ("payments", DemoCatalog.Aws, "workloads-staging", 2),
        ("payments", DemoCatalog.Aws, "workloads-dev", 1), ("payments", DemoCatalog.Oracle, "payments-ledger", 1.2),
        ("checkout", DemoCatalog.Aws, "checkout-prod", 7), ("checkout", DemoCatalog.Aws, "workloads-staging", 2),
        ("checkout", DemoCatalog.Aws, "workloads-dev", 1),
        ("search", DemoCatalog.Aws, "search-prod", 4), ("search", DemoCatalog.Azure, "search-prod", 4),
        ("search", DemoCatalog.Azure, "nonprod", 1), ("search", DemoCatalog.Aws, "workloads-dev", 1),
        ("platform", DemoCatalog.Aws, "platform-prod", 6), ("platform", DemoCatalog.Aws, "workloads-staging", 1),
        ("platform", DemoCatalog.Azure, "nonprod", 1), ("platform", DemoCatalog.Aws, "workloads-dev", 1),
        ("data", DemoCatalog.Gcp, "acme-data-prod", 6), ("data", DemoCatalog.Aws, "data-prod", 3),
        ("data", DemoCatalog.Gcp, "acme-data-staging", 1.5),
        ("ml", DemoCatalog.Gcp, "acme-ml-prod", 5), ("ml", DemoCatalog.Gcp, "acme-ml-sandbox", 2), ("ml", DemoCatalog.Aws, "ml-prod", 3),
        ("identity", DemoCatalog.Azure, "identity-prod", 6), ("identity", DemoCatalog.Aws, "identity-prod", 2),
        ("identity", DemoCatalog.Azure, "nonprod", 1),
        ("mobile", DemoCatalog.Aws, "mobile-prod", 4), ("mobile", DemoCatalog.Gcp, "acme-mobile-prod", 3),
        ("mobile", DemoCatalog.Aws, "workloads-dev", 1),
        ("growth", DemoCatalog.Azure, "growth-prod", 5), ("growth", DemoCatalog.Azure, "growth-eu-prod", 1.5),
        ("growth", DemoCatalog.Aws, "workloads-dev", 1),
        ("", DemoCatalog.Aws, "shared-services", 3), ("", DemoCatalog.Azure, "platform-hub", 1),
    ];

    // (team, provider, account, service) that must have normal usage for the planted anomalies to stand out against.
    private static readonly (string Team, string Provider, string Account, string Service)[] AnomalyBaselines =
    [
        ("ml", DemoCatalog.Gcp, "acme-ml-prod", "Vertex AI"),
        ("data", DemoCatalog.Aws, "data-prod", "AWS Data Transfer"),
        ("checkout", DemoCatalog.Aws, "workloads-staging", "Amazon Elastic Compute Cloud"),
        ("identity", DemoCatalog.Azure, "identity-prod", "Azure Monitor"),
    ];

    private readonly DemoOrganization organization;
    private readonly ulong seed;
    private readonly double[] growth;
    private readonly bool[] weekend;
    private readonly int[] monthOfDay;
    private readonly string[] dayStamps;
    private readonly DateOnly[] monthStarts;
    private readonly string[] monthStartStamps;
    private readonly string[] monthEndStamps;
    private readonly string[] monthChargeEndStamps;
    private readonly int[] monthFirstDay;
    private readonly int[] monthLastDay;
    private readonly string?[][] invoiceIds;
    private readonly decimal[] billedSums;
    private readonly decimal[] effectiveSums;
    private readonly bool lab;
    private readonly bool[] holiday;

    public DemoDataset(DemoOrganization organization, DemoDataOptions options)
    {
        options.Validate();
        this.organization = organization;
        seed = options.Seed;
        LastDay = options.EndDate.AddDays(-1);
        var firstMonth = new DateOnly(LastDay.Year, LastDay.Month, 1).AddMonths(-(options.Months - 1));
        FirstDay = firstMonth;
        DayCount = LastDay.DayNumber - FirstDay.DayNumber + 1;
        MonthCount = options.Months;

        growth = new double[DayCount];
        weekend = new bool[DayCount];
        monthOfDay = new int[DayCount];
        dayStamps = new string[DayCount + 1];
        var g = 1.0;
        for (var d = 0; d < DayCount; d++)
        {
            var date = FirstDay.AddDays(d);
            growth[d] = g;
            g *= DailyGrowth;
            weekend[d] = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            monthOfDay[d] = (date.Year - FirstDay.Year) * 12 + date.Month - FirstDay.Month;
            dayStamps[d] = Stamp(date);
        }

        dayStamps[DayCount] = Stamp(options.EndDate);
        monthStarts = new DateOnly[MonthCount];
        monthStartStamps = new string[MonthCount];
        monthEndStamps = new string[MonthCount];
        monthChargeEndStamps = new string[MonthCount];
        monthFirstDay = new int[MonthCount];
        monthLastDay = new int[MonthCount];
        for (var m = 0; m < MonthCount; m++)
        {
            var start = FirstDay.AddMonths(m);
            var next = start.AddMonths(1);
            monthStarts[m] = start;
            monthStartStamps[m] = Stamp(start);
            monthEndStamps[m] = Stamp(next);
            monthChargeEndStamps[m] = Stamp(next < options.EndDate ? next : options.EndDate);
            monthFirstDay[m] = start.DayNumber - FirstDay.DayNumber;
            monthLastDay[m] = Math.Min(next.DayNumber - FirstDay.DayNumber, DayCount) - 1;
        }

        var accounts = organization.Accounts;
        invoiceIds = new string?[accounts.Count][];
        for (var a = 0; a < accounts.Count; a++)
        {
            invoiceIds[a] = new string?[MonthCount];
            for (var m = 0; m < MonthCount; m++)
            {
                // An invoice exists only once the month is closed.
                if (monthStarts[m].AddMonths(1) <= options.EndDate)
                {
                    invoiceIds[a][m] = InvoiceId(accounts[a], monthStarts[m]);
                }
            }
        }

        billedSums = new decimal[accounts.Count];
        effectiveSums = new decimal[accounts.Count];
        Density = Math.Max(0.02, options.TargetRows / (DayCount * ReferenceRowsPerDay));
        Commitments = BuildCommitments();
        lab = options.AnomalyLab;
        holiday = new bool[DayCount];
        Anomalies = BuildAnomalies(out anomalyResources);
        var overhead = EstimateOverheadRows();
        Resources = BuildResources(options.TargetRows - overhead);
        if (lab)
        {
            Anomalies = FinishLab(Anomalies);
        }
        SizeCommitments();
    }

    public DateOnly FirstDay { get; }

    public DateOnly LastDay { get; }

    public int DayCount { get; }

    public int MonthCount { get; }

    /// <summary>How much bigger than the reference organisation (200k rows over 13 months) this run is.</summary>
    public double Density { get; }

    public IReadOnlyList<DemoResource> Resources { get; }

    public IReadOnlyList<DemoCommitment> Commitments { get; }

    public IReadOnlyList<DemoAnomaly> Anomalies { get; }

    private static string Stamp(DateOnly date) =>
        date.ToString("yyyy'-'MM'-'dd'T00:00:00Z'", CultureInfo.InvariantCulture);

    private static string InvoiceId(DemoAccount account, DateOnly month)
    {
        var ym = month.ToString("yyyyMM", CultureInfo.InvariantCulture);
        return account.Provider switch
        {
            DemoCatalog.Aws => "EUINUS" + ym + "-" + account.BillingAccountId[^6..],
            DemoCatalog.Azure => "G" + ym + (account.BillingCurrency == "EUR" ? "0EU1" : "0US1"),
            DemoCatalog.Gcp => "5" + ym + "0731",
            _ => "OCI-" + ym + "-0042",
        };
    }

    private int AccountIndex(string provider, string name)
    {
        for (var i = 0; i < organization.Accounts.Count; i++)
        {
            var a = organization.Accounts[i];
            if (a.Provider == provider && a.SubAccountName == name)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The demo organisation has no {provider} account {name}.");
    }

    private static int PickWeighted<T>(IReadOnlyList<T> items, Func<T, double> weight, double u)
    {
        var total = 0.0;
        foreach (var item in items)
        {
            total += weight(item);
        }

        var target = u * total;
        for (var i = 0; i < items.Count; i++)
        {
            target -= weight(items[i]);
            if (target < 0)
            {
                return i;
            }
        }

        return items.Count - 1;
    }

    private List<DemoCommitment> BuildCommitments()
    {
        var aws = AccountIndex(DemoCatalog.Aws, "shared-services");
        var azure = AccountIndex(DemoCatalog.Azure, "platform-hub");
        return
        [
            new DemoCommitment
            {
                Account = organization.Accounts[aws], AccountIndex = aws,
                Id = $"arn:aws:savingsplans::{DemoOrganization.AwsSharedServicesAccountId}:savingsplan/{DemoHash.Guid(DemoHash.Of(seed, 901))}",
                Name = "Compute Savings Plan (1 year, no upfront)", Type = "Compute Savings Plan",
                ServiceName = "Savings Plans for AWS Compute usage", ServiceCode = "ComputeSavingsPlans",
                DiscountRate = 0.28m, Sizing = 0.9,
            },
            new DemoCommitment
            {
                Account = organization.Accounts[azure], AccountIndex = azure,
                Id = $"/providers/Microsoft.BillingBenefits/savingsPlanOrders/{DemoHash.Guid(DemoHash.Of(seed, 902))}/savingsPlans/{DemoHash.Guid(DemoHash.Of(seed, 903))}",
                Name = "Azure savings plan for compute (1 year, monthly)", Type = "Savings Plan",
                ServiceName = "Azure Savings Plan for Compute", ServiceCode = "Microsoft.BillingBenefits",
                DiscountRate = 0.24m, Sizing = 0.88,
            },
        ];
    }

    private int EstimateOverheadRows()
    {
        var anomalyRows = 0;
        foreach (var a in Anomalies)
        {
            anomalyRows += a.End.DayNumber - a.Start.DayNumber;
        }

        // Per commitment and day about one split or unused row; per month purchases, credits and taxes.
        return (Commitments.Count * DayCount) + (MonthCount * (Commitments.Count + Credits.Length + organization.Accounts.Count(a => TaxRate(a) > 0))) + anomalyRows;
    }

    private List<DemoResource> BuildResources(int usageRows)
    {
        var accounts = organization.Accounts;
        var placements = Placements.Select(p => (p.Team, Index: AccountIndex(p.Provider, p.Account), p.Weight)).ToArray();
        var candidates = new Dictionary<(string Team, string Provider), DemoServiceTemplate[]>();
        var resources = new List<DemoResource>();
        long rows = 0;

        // Anchors first: every service runs somewhere from day one, and each anomaly has a normal baseline.
        var anchors = new List<(string Team, int Account, DemoServiceTemplate Template)>();
        foreach (var template in DemoCatalog.Templates)
        {
            var placement = placements.First(p =>
                accounts[p.Index].Provider == template.Provider &&
                (template.SharedOnly ? p.Team.Length == 0 : p.Team.Length > 0 && (template.Teams is null || template.Teams.Contains(p.Team))));
            anchors.Add((placement.Team, placement.Index, template));
        }

        foreach (var (team, provider, accountName, service) in lab ? [.. AnomalyBaselines, .. LabBaselines] : AnomalyBaselines)
        {
            var template = DemoCatalog.Templates.First(t => t.Provider == provider && t.ServiceName == service);
            anchors.Add((team, AccountIndex(provider, accountName), template));
        }

        for (var a = 0; a < anchors.Count; a++)
        {
            var (team, accountIndex, template) = anchors[a];
            var h = DemoHash.Of(seed, 3, (ulong)a);
            var resource = BuildResource(resources.Count, h, team.Length == 0 ? null : team, accounts[accountIndex], accountIndex, template, anchor: true);
            resources.Add(resource);
            rows += resource.EndDay - resource.StartDay;
        }

        for (var i = 0; rows < usageRows; i++)
        {
            var h = DemoHash.Of(seed, 1, (ulong)i);
            var team = TeamWeights[PickWeighted(TeamWeights, t => t.Weight, DemoHash.Unit(DemoHash.Of(h, 1)))].Team;
            var teamPlacements = placements.Where(p => p.Team == team).ToArray();
            var accountIndex = teamPlacements[PickWeighted(teamPlacements, p => p.Weight, DemoHash.Unit(DemoHash.Of(h, 2)))].Index;
            var account = accounts[accountIndex];
            if (!candidates.TryGetValue((team, account.Provider), out var templates))
            {
                templates = DemoCatalog.Templates
                    .Where(t => t.Provider == account.Provider)
                    .Where(t => team.Length == 0 ? t.SharedOnly : !t.SharedOnly && (t.Teams is null || t.Teams.Contains(team)))
                    .ToArray();
                candidates[(team, account.Provider)] = templates;
            }

            var template = templates[PickWeighted(templates, t => t.Weight, DemoHash.Unit(DemoHash.Of(h, 3)))];
            var resource = BuildResource(resources.Count, h, team.Length == 0 ? null : team, account, accountIndex, template, anchor: false);
            resources.Add(resource);
            rows += resource.EndDay - resource.StartDay;
        }

        return resources;
    }

    private DemoResource BuildResource(int index, ulong h, string? team, DemoAccount account, int accountIndex, DemoServiceTemplate template, bool anchor)
    {
        var env = account.Environment;
        var regions = account.Provider switch
        {
            DemoCatalog.Aws => DemoCatalog.AwsRegions,
            DemoCatalog.Gcp => DemoCatalog.GcpRegions,
            DemoCatalog.Oracle => DemoCatalog.OracleRegions,
            _ => account.BillingCurrency == "EUR" ? DemoCatalog.AzureEuroRegions : DemoCatalog.AzureRegions,
        };
        var region = regions[DemoHash.Below(DemoHash.Of(h, 4), regions.Length)];
        var zoneIndex = DemoHash.Below(DemoHash.Of(h, 5), 3);
        var zone = account.Provider switch
        {
            DemoCatalog.Aws => region.Id + (char)('a' + zoneIndex),
            DemoCatalog.Gcp => region.Id + "-" + (char)('a' + zoneIndex),
            DemoCatalog.Azure => (zoneIndex + 1).ToString(CultureInfo.InvariantCulture),
            _ => "US-ASHBURN-AD-" + (zoneIndex + 1).ToString(CultureInfo.InvariantCulture),
        };
        var owner = team ?? "shared";
        var serial = index.ToString(CultureInfo.InvariantCulture);
        var name = $"{owner}-{template.Stem}-{env}-{serial}";
        if (template.ServiceCode == "Microsoft.Storage")
        {
            var compact = ("st" + owner + env + serial).Replace("-", string.Empty, StringComparison.Ordinal);
            name = compact.Length > 24 ? compact[..24] : compact;
        }
        else if (template.ServiceCode is "AmazonS3" or "95FF-2EF5-5EA1")
        {
            name = "acme-" + name;
        }

        var resourceGroup = team is null ? "rg-hub-network" : $"rg-{team}-{env}";
        var variant = template.Variants[DemoHash.Below(DemoHash.Of(h, 6), template.Variants.Length)];
        var currencyFactor = account.BillingCurrency == "EUR" ? 0.95m : 1m;
        var listPrice = Normalise(variant.Price * currencyFactor);
        var contractedPrice = Normalise(Math.Round(listPrice * (1 - NegotiatedDiscount(account)), 10));
        var regionPrefix = account.Provider == DemoCatalog.Aws ? AwsUsagePrefix(region.Id) : string.Empty;
        var skuId = SkuId(template.Provider, template.ServiceName, variant.Name);
        var u = DemoHash.Unit(DemoHash.Of(h, 7));
        // One instance runs at most 24 hours a day; other resources vary widely in size.
        var size = SingleInstance(template) ? 0.75 + (0.25 * u) : 0.35 + (2.3 * u * u);
        var envFactor = env switch { "prod" => 1.0, "staging" => 0.45, _ => 0.25 };
        var weekendDrop = env switch
        {
            "dev" => Math.Max(template.WeekendDrop, 0.8),
            "staging" => Math.Max(template.WeekendDrop, 0.45),
            _ => template.WeekendDrop,
        };
        var start = anchor || DemoHash.Unit(DemoHash.Of(h, 8)) < 0.8 ? 0 : (int)(DemoHash.Unit(DemoHash.Of(h, 9)) * DayCount);
        var end = DayCount;
        if (!anchor && DemoHash.Unit(DemoHash.Of(h, 10)) < 0.08)
        {
            end = start + 1 + (int)(DemoHash.Unit(DemoHash.Of(h, 11)) * (DayCount - start - 1));
        }

        var isEligible = template.CommitmentEligible && account.BillingCurrency == "USD";
        var commitment = !isEligible ? -1 : account.Provider switch { DemoCatalog.Aws => 0, DemoCatalog.Azure => 1, _ => -1 };
        var context = new DemoResourceIdContext(account.SubAccountId, region.Id, zone, resourceGroup, name, h);
        return new DemoResource
        {
            Template = template,
            Account = account,
            AccountIndex = accountIndex,
            TeamKey = team,
            Environment = env,
            RegionId = template.Global ? null : region.Id,
            RegionName = template.Global ? null : region.Name,
            Zone = template.Zonal ? zone : null,
            ResourceId = template.ResourceId(context),
            ResourceName = name,
            SkuId = skuId,
            SkuPriceId = skuId + "." + DemoHash.Hex(DemoHash.Of(seed, (ulong)accountIndex, 77), 10).ToUpperInvariant(),
            ListUnitPrice = listPrice,
            ContractedUnitPrice = contractedPrice,
            Description = Describe(template.ServiceName, template.PricingUnit, variant.Name, listPrice, account.BillingCurrency, region.Name),
            UsageType = regionPrefix + template.UsageType + (template.Variants.Length > 1 ? ":" + variant.Name : string.Empty),
            Tags = BuildTags(h, team, env, template, account.Provider),
            StartDay = start,
            EndDay = end,
            BaseQuantity = template.QuantityPerDay * size * envFactor,
            WeekendDrop = weekendDrop,
            Hash = h,
            Commitment = commitment,
        };
    }

    public static bool SingleInstance(DemoServiceTemplate template) =>
        template.PricingUnit == "Hours" && template.QuantityPerDay <= 24;

    // Drops trailing zeros a decimal multiplication leaves in the scale (0.72960 -> 0.7296).
    private static decimal Normalise(decimal value) => value / 1.000000000000000000000000000000000m;

    private static decimal NegotiatedDiscount(DemoAccount account) => account.Provider switch
    {
        DemoCatalog.Aws => 0.06m,
        DemoCatalog.Azure => account.BillingCurrency == "EUR" ? 0.05m : 0.10m,
        DemoCatalog.Gcp => 0.04m,
        _ => 0m,
    };

    private static string AwsUsagePrefix(string region) => region switch
    {
        "us-east-1" => "USE1-",
        "us-west-2" => "USW2-",
        _ => "EU-",
    };

    private static string SkuId(string provider, string serviceName, string variant)
    {
        var h = DemoHash.Of(0x5EED, (ulong)StableHash(serviceName), (ulong)StableHash(variant));
        return provider switch
        {
            DemoCatalog.Aws => DemoHash.Hex(h, 16).ToUpperInvariant(),
            DemoCatalog.Azure => DemoHash.Guid(h).ToString(),
            DemoCatalog.Gcp => string.Join('-', DemoHash.Hex(h, 12).ToUpperInvariant().Chunk(4).Select(c => new string(c))),
            _ => "B" + (90000 + (int)(h % 9000)).ToString(CultureInfo.InvariantCulture),
        };
    }

    // string.GetHashCode is randomised per process; this one is not.
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private static string Describe(string serviceName, string pricingUnit, string variant, decimal price, string currency, string region)
    {
        var symbol = currency == "EUR" ? "EUR " : "$";
        return $"{symbol}{price.ToString("0.##########", CultureInfo.InvariantCulture)} per {pricingUnit} for {variant} ({serviceName}) in {region}";
    }

    private string? BuildTags(ulong h, string? team, string env, DemoServiceTemplate template, string provider)
    {
        var gcp = provider == DemoCatalog.Gcp;
        var pairs = new List<KeyValuePair<string, string>>();
        if (team is null)
        {
            pairs.Add(new("env", env));
            pairs.Add(new("cost-pool", "shared-networking"));
            pairs.Add(new("managed-by", "terraform"));
        }
        else
        {
            // A few resources nobody tagged.
            if (DemoHash.Unit(DemoHash.Of(h, 20)) < 0.03)
            {
                return null;
            }

            var teamInfo = organization.FindTeam(team)!;
            var keyRoll = DemoHash.Unit(DemoHash.Of(h, 21));
            var valueRoll = DemoHash.Unit(DemoHash.Of(h, 22));
            // GCP labels are lower case only: no "Team", no " team", no "Payments".
            var key = gcp
                ? (keyRoll < 0.85 ? "team" : "owner-team")
                : keyRoll switch { < 0.72 => "team", < 0.84 => "Team", < 0.90 => " team", _ => "owner-team" };
            var value = valueRoll switch
            {
                < 0.78 => team,
                < 0.89 when !gcp => teamInfo.DisplayName,
                _ => team + "-team",
            };
            pairs.Add(new(key, value));
            pairs.Add(new(!gcp && DemoHash.Unit(DemoHash.Of(h, 23)) < 0.15 ? "Environment" : "env", env));
            pairs.Add(new("service", team + "-" + template.Stem));
            if (DemoHash.Unit(DemoHash.Of(h, 24)) < 0.5)
            {
                pairs.Add(new("cost-center", gcp ? teamInfo.CostCenter.ToLowerInvariant() : teamInfo.CostCenter));
            }

            if (DemoHash.Unit(DemoHash.Of(h, 25)) < 0.7)
            {
                pairs.Add(new("managed-by", "terraform"));
            }
        }

        return TagsJson(pairs);
    }

    private static string TagsJson(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var pair in pairs)
            {
                writer.WriteString(pair.Key, pair.Value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void SizeCommitments()
    {
        foreach (var commitment in Commitments)
        {
            commitment.DailyAmount = new decimal[MonthCount];
        }

        for (var m = 0; m < MonthCount; m++)
        {
            var day = Math.Min(monthFirstDay[m] + 14, monthLastDay[m]);
            var expected = new double[Commitments.Count];
            foreach (var r in Resources)
            {
                if (r.Commitment >= 0 && r.StartDay <= day && day < r.EndDay)
                {
                    expected[r.Commitment] += r.BaseQuantity * growth[day] * (double)r.ContractedUnitPrice;
                }
            }

            for (var c = 0; c < Commitments.Count; c++)
            {
                var commitment = Commitments[c];
                var amount = expected[c] * (1 - (double)commitment.DiscountRate) * commitment.Sizing;
                commitment.DailyAmount[m] = Math.Round((decimal)amount, 2);
            }
        }
    }
}
