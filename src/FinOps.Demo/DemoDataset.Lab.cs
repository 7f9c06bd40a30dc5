using System.Globalization;

namespace FinOps.Demo;

/// <summary>The anomaly lab (<see cref="DemoDataOptions.AnomalyLab"/>): one planted anomaly of each kind and the confounders that must not alert.</summary>
internal sealed partial class DemoDataset
{
    private const double HolidayRhythm = 0.55;
    private const int HolidayDaysBeforeEnd = 70;

    // Normal usage the lab's anomalies stand out against (only planned in lab mode, so the plain demo is unchanged).
    private static readonly (string Team, string Provider, string Account, string Service)[] LabBaselines =
    [
        ("search", DemoCatalog.Azure, "search-prod", "Azure AI Search"),
        ("payments", DemoCatalog.Aws, "payments-prod", "Amazon Relational Database Service"),
        ("growth", DemoCatalog.Azure, "growth-prod", "Azure Virtual Machines"),
        ("data", DemoCatalog.Gcp, "acme-data-prod", "BigQuery"),
        ("platform", DemoCatalog.Aws, "platform-prod", "Amazon Elastic Compute Cloud"),
        ("checkout", DemoCatalog.Aws, "checkout-prod", "AWS Lambda"),
    ];

    private delegate void LabAdd(string key, string description, int daysBeforeEnd, int length, string team, string provider, string accountName,
        string service, string category, string subcategory, string usageType, string sku, decimal listPrice, double quantity,
        string unit, string resourceType, Func<DemoResourceIdContext, string> id, string name, (string Id, string Name) region,
        DemoLabPlan? plan);

    private void PlantLab(LabAdd add)
    {
        static string Ec2(DemoResourceIdContext c) => $"arn:aws:ec2:{c.RegionId}:{c.SubAccountId}:instance/i-0{DemoHash.Hex(c.Hash, 16)}";
        static string Arn(string service, DemoResourceIdContext c) => $"arn:aws:{service}:{c.RegionId}:{c.SubAccountId}:{c.Name}";
        static string Azure(string type, DemoResourceIdContext c) => $"/subscriptions/{c.SubAccountId}/resourceGroups/{c.ResourceGroup}/providers/{type}/{c.Name}";
        var east = ("us-east-1", "US East (N. Virginia)");
        var eastUs = ("eastus", "East US");
        var forever = DayCount;

        add("search-reindex-spike", "A full re-index ran on a temporary S2 search service for three days",
            150, 3, "search", DemoCatalog.Azure, "search-prod", "Azure AI Search", "Analytics", "Search",
            "Standard S2", "Standard S2", 1.344m, 400, "Hours", "Search service", c => Azure("Microsoft.Search/searchServices", c),
            "search-reindex-tmp", eastUs, new DemoLabPlan("spike"));
        add("payments-rds-upsize", "The ledger database got a permanent read replica on a larger instance",
            135, forever, "payments", DemoCatalog.Aws, "payments-prod", "Amazon Relational Database Service", "Databases", "Relational Databases",
            "InstanceUsage:db.r6g.4xlarge", "db.r6g.4xlarge", 3.84m, 120, "Hours", "DB instance", c => Arn("rds", c),
            "payments-ledger-db-replica", east, new DemoLabPlan("level-shift"));
        add("growth-vm-decommission", "A batch scale set was switched off (cost drops and stays down)",
            120, 7, "growth", DemoCatalog.Azure, "growth-prod", "Azure Virtual Machines", "Compute", "Virtual Machines",
            "E16s v5", "E16s v5", 1.008m, 480, "Hours", "Virtual machine scale set", c => Azure("Microsoft.Compute/virtualMachineScaleSets", c),
            "growth-batch-vmss", eastUs, new DemoLabPlan("drop") { Drop = true });
        add("data-bigquery-leak", "A scheduled query that re-scans a growing table: 3% more of the team's BigQuery cost every day for four weeks",
            105, 28, "data", DemoCatalog.Gcp, "acme-data-prod", "BigQuery", "Databases", "Data Warehouses",
            "Analysis", "On-demand analysis", 6.25m, 1, "TiB", "Dataset",
            c => $"//bigquery.googleapis.com/projects/{c.SubAccountId}/datasets/{c.Name}", "events_dedup_rescan", ("us-central1", "Iowa"),
            new DemoLabPlan("leak") { Profile = DemoLabProfile.Leak, Relative = 0.03 });
        add("platform-ec2-oversized", "CI runners moved to oversized instances: +15% of a big service, a few percent of the team",
            95, 14, "platform", DemoCatalog.Aws, "platform-prod", "Amazon Elastic Compute Cloud", "Compute", "Virtual Machines",
            "BoxUsage:m6i.4xlarge", "m6i.4xlarge", 0.768m, 1, "Hours", "Instance", Ec2,
            "platform-ci-runners-xl", east, new DemoLabPlan("small-expensive") { Profile = DemoLabProfile.Relative, Relative = 0.15 });

        // Confounders: none of these may alert.
        add("checkout-migration-ec2", "Checkout moved a worker fleet from EC2 to Lambda: EC2 cost stops...",
            85, 7, "checkout", DemoCatalog.Aws, "checkout-prod", "Amazon Elastic Compute Cloud", "Compute", "Virtual Machines",
            "BoxUsage:m6i.2xlarge", "m6i.2xlarge", 0.384m, 960, "Hours", "Instance", Ec2,
            "checkout-worker-fleet", east, new DemoLabPlan("migration", Confounder: true) { Drop = true });
        add("checkout-migration-lambda", "...and the same cost starts on Lambda the same day (the team's total does not move)",
            85, forever, "checkout", DemoCatalog.Aws, "checkout-prod", "AWS Lambda", "Compute", "Serverless Compute",
            "Lambda-GB-Second", "x86", 0.384m * 960 / 22_118_355m, 22_118_355, "GB-Seconds", "Function", c => Arn("lambda", c) + "-worker",
            "checkout-worker-fn", east, new DemoLabPlan("migration", Confounder: true));
        add("mobile-search-ramp-up", "Mobile starts a new search domain that ramps up over two weeks (a few percent of the team)",
            60, forever, "mobile", DemoCatalog.Aws, "mobile-prod", "Amazon OpenSearch Service", "Analytics", "Search",
            "ESInstance:r6g.2xlarge.search", "r6g.2xlarge.search", 0.669m, 30, "Hours", "Domain", c => Arn("es", c),
            "mobile-catalog-search", east, new DemoLabPlan("ramp-up", Confounder: true) { Profile = DemoLabProfile.Ramp });

        var holidayDay = DayCount - HolidayDaysBeforeEnd;
        if (holidayDay > 0)
        {
            holiday[holidayDay] = true;
        }
    }

    private List<DemoAnomaly> FinishLab(IReadOnlyList<DemoAnomaly> planted)
    {
        foreach (var a in anomalyResources)
        {
            if (a.Profile is DemoLabProfile.Leak or DemoLabProfile.Relative)
            {
                var cost = 0.0;
                foreach (var r in Resources)
                {
                    if (r.TeamKey == a.TeamKey && r.AccountIndex == a.AccountIndex && r.Template.ServiceName == a.Template.ServiceName
                        && r.StartDay <= a.StartDay && r.EndDay > a.StartDay)
                    {
                        cost += r.BaseQuantity * growth[a.StartDay] * (double)r.ContractedUnitPrice * (1 - (r.WeekendDrop * 2 / 7));
                    }
                }

                a.ScopeCost = cost;
            }
        }

        var finished = new List<DemoAnomaly>(planted.Count + 1);
        foreach (var anomaly in planted)
        {
            var resource = anomalyResources.First(r => r.ResourceId == anomaly.ResourceId);
            if (resource.Profile == DemoLabProfile.Constant)
            {
                finished.Add(anomaly);
                continue;
            }

            var extra = 0m;
            for (var d = resource.StartDay; d < resource.EndDay; d++)
            {
                extra += Math.Round(LabQuantity(resource, d) * resource.ContractedUnitPrice, 4);
            }

            finished.Add(anomaly with { ExtraCost = extra });
        }

        var holidayDay = DayCount - HolidayDaysBeforeEnd;
        if (holidayDay > 0)
        {
            var date = FirstDay.AddDays(holidayDay);
            finished.Add(new DemoAnomaly("holiday-" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "A public holiday: usage is quieter everywhere", date, date.AddDays(1), "", "", "", "", "", 0m, "USD")
            {
                Kind = "holiday",
                Confounder = true,
            });
        }

        return finished;
    }

    private static decimal LabQuantity(DemoResource a, int d)
    {
        var k = d - a.StartDay + 1;
        var price = (double)a.ContractedUnitPrice;
        var quantity = a.Profile switch
        {
            DemoLabProfile.Leak => a.ScopeCost * (Math.Pow(1 + a.Relative, k) - 1) / price,
            DemoLabProfile.Relative => a.ScopeCost * a.Relative / price,
            DemoLabProfile.Ramp => a.BaseQuantity * Math.Min(1.0, k / 14.0),
            _ => a.BaseQuantity,
        };
        return Math.Round((decimal)quantity, 2);
    }
}

/// <summary>How the lab plants one anomaly: its label kind, whether it must not alert, its profile.</summary>
internal sealed record DemoLabPlan(string Kind, bool Confounder = false)
{
    public bool Drop { get; init; }

    public DemoLabProfile Profile { get; init; } = DemoLabProfile.Constant;

    public double Relative { get; init; }
}
