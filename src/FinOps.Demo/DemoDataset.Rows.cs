using System.Globalization;
using static FinOps.Demo.FocusDemoColumns;

namespace FinOps.Demo;

internal sealed partial class DemoDataset
{
    // Monthly credits: (provider, sub-account, service, category, subcategory, amount at reference size, description, last month index from the end that still has it).
    private static readonly (string Provider, string Account, string Service, string Category, string Subcategory, decimal Amount, string Description, int StopsMonthsBeforeEnd)[] Credits =
    [
        (DemoCatalog.Aws, "data-prod", "Amazon Elastic Compute Cloud", "Compute", "Virtual Machines", 1800m,
            "AWS Migration Acceleration Program credit", 4),
        (DemoCatalog.Gcp, "acme-data-prod", "BigQuery", "Databases", "Data Warehouses", 650m,
            "Google Cloud promotional credit", 0),
    ];

    private readonly List<DemoResource> anomalyResources;

    private static decimal TaxRate(DemoAccount account) => account.Provider switch
    {
        DemoCatalog.Aws => 0.0625m,
        DemoCatalog.Azure when account.BillingCurrency == "EUR" => 0.19m,
        DemoCatalog.Oracle => 0.07m,
        _ => 0m,
    };

    private List<DemoAnomaly> BuildAnomalies(out List<DemoResource> planted)
    {
        var resources = new List<DemoResource>();
        planted = resources;
        var anomalies = new List<DemoAnomaly>();
        Add("ml-gpu-training-runaway", "A Vertex AI custom training job on 4 a2-highgpu-8g nodes was never stopped",
            26, 6, "ml", DemoCatalog.Gcp, "acme-ml-prod", "Vertex AI", "AI and Machine Learning", "AI Platforms",
            "Training", "a2-highgpu-8g training", 29.3876m, 96, "Hours", "Custom training job",
            c => $"//aiplatform.googleapis.com/projects/{c.SubAccountId}/locations/{c.RegionId}/customJobs/{((c.Hash >> 4) % 9000000000000000000UL).ToString(CultureInfo.InvariantCulture)}",
            "llm-finetune-runaway", ("us-central1", "Iowa"));
        Add("data-egress-spike", "A misconfigured export copied the data lake to an external partner over the internet",
            45, 2, "data", DemoCatalog.Aws, "data-prod", "AWS Data Transfer", "Networking", "Network Connectivity",
            "DataTransfer-Out-Bytes", "Data Transfer Out to Internet", 0.09m, 30000, "GB", "Bucket",
            c => "arn:aws:s3:::" + c.Name, "acme-data-lake-export", ("us-east-1", "US East (N. Virginia)"));
        Add("checkout-forgotten-load-test", "A 40-instance load test in staging was left running",
            9, 10, "checkout", DemoCatalog.Aws, "workloads-staging", "Amazon Elastic Compute Cloud", "Compute", "Virtual Machines",
            "BoxUsage:c6i.8xlarge", "c6i.8xlarge", 1.36m, 960, "Hours", "Instance",
            c => $"arn:aws:ec2:{c.RegionId}:{c.SubAccountId}:instance/i-0{DemoHash.Hex(c.Hash, 16)}",
            "checkout-loadtest-staging", ("us-east-1", "US East (N. Virginia)"));
        Add("identity-debug-logging", "Debug logging left on after an incident flooded Log Analytics",
            62, 5, "identity", DemoCatalog.Azure, "identity-prod", "Azure Monitor", "Management and Governance", "Observability",
            "Analytics Logs Data Ingestion", "Pay-as-you-go ingestion", 2.30m, 700, "GB", "Log Analytics workspace",
            c => $"/subscriptions/{c.SubAccountId}/resourceGroups/rg-identity-prod/providers/Microsoft.OperationalInsights/workspaces/{c.Name}",
            "log-identity-prod-debug", ("eastus", "East US"));
        if (lab)
        {
            PlantLab(Add);
        }

        return anomalies;

        void Add(string key, string description, int daysBeforeEnd, int length, string team, string provider, string accountName,
            string service, string category, string subcategory, string usageType, string sku, decimal listPrice, double quantity,
            string unit, string resourceType, Func<DemoResourceIdContext, string> id, string name, (string Id, string Name) region,
            DemoLabPlan? plan = null)
        {
            var startDay = DayCount - daysBeforeEnd;
            var endDay = Math.Min(startDay + length, DayCount);
            startDay = Math.Max(startDay, 0);
            if (endDay <= startDay)
            {
                return;
            }

            var labelStart = startDay;
            var labelEnd = endDay;
            if (plan?.Drop == true)
            {
                // A drop: the resource runs from the first day and stops where the label starts.
                (startDay, endDay) = (0, labelStart);
            }

            var accountIndex = AccountIndex(provider, accountName);
            var account = organization.Accounts[accountIndex];
            var h = DemoHash.Of(seed, 2, (ulong)StableHash(key));
            var contracted = Normalise(Math.Round(listPrice * (1 - NegotiatedDiscount(account)), 10));
            var dailyQuantity = Math.Round((decimal)(quantity * Density), 2);
            var resource = new DemoResource
            {
                Template = new DemoServiceTemplate
                {
                    Provider = provider, ServiceName = service, Category = category, Subcategory = subcategory,
                    ResourceType = resourceType,
                    ServiceCode = DemoCatalog.Templates.First(t => t.Provider == provider && t.ServiceName == service).ServiceCode, Stem = "anomaly",
                    Variants = [(sku, listPrice)], PricingUnit = unit, UsageType = usageType, SkuMeter = sku,
                    QuantityPerDay = (double)dailyQuantity, ResourceId = id,
                },
                Account = account,
                AccountIndex = accountIndex,
                TeamKey = team,
                Environment = account.Environment,
                RegionId = region.Id,
                RegionName = region.Name,
                Zone = null,
                ResourceId = id(new DemoResourceIdContext(account.SubAccountId, region.Id, region.Id + "a", "rg-" + team, name, h)),
                ResourceName = name,
                SkuId = SkuId(provider, service, sku),
                SkuPriceId = "anomaly-" + key,
                ListUnitPrice = listPrice,
                ContractedUnitPrice = contracted,
                Description = Describe(service, unit, sku, listPrice, account.BillingCurrency, region.Name),
                UsageType = usageType,
                Tags = TagsJson([new("team", team), new("env", account.Environment), new("purpose", name)]),
                StartDay = startDay,
                EndDay = endDay,
                BaseQuantity = (double)dailyQuantity,
                WeekendDrop = 0,
                Hash = h,
                Commitment = -1,
                Profile = plan?.Profile ?? DemoLabProfile.Constant,
                Relative = plan?.Relative ?? 0,
            };
            resources.Add(resource);
            var dailyCost = Math.Round(dailyQuantity * contracted, 4);
            anomalies.Add(new DemoAnomaly(key, description, FirstDay.AddDays(labelStart), FirstDay.AddDays(labelEnd), team, provider,
                account.SubAccountId, service, resource.ResourceId, dailyCost * (endDay - startDay), account.BillingCurrency)
            {
                Kind = plan?.Kind ?? "spike",
                Confounder = plan?.Confounder ?? false,
            });
        }
    }

    /// <summary>Fills <paramref name="row"/> with each row in turn; the value yielded means nothing.</summary>
    public IEnumerable<bool> Rows(DemoRow row)
    {
        Array.Clear(billedSums);
        Array.Clear(effectiveSums);
        var remaining = new decimal[Commitments.Count];
        for (var d = 0; d < DayCount; d++)
        {
            var m = monthOfDay[d];
            if (d == monthFirstDay[m])
            {
                for (var c = 0; c < Commitments.Count; c++)
                {
                    if (Commitments[c].DailyAmount[m] > 0)
                    {
                        FillPurchase(row, c, m);
                        yield return true;
                    }
                }

                for (var k = 0; k < Credits.Length; k++)
                {
                    if (m < MonthCount - Credits[k].StopsMonthsBeforeEnd)
                    {
                        FillCredit(row, k, d, m);
                        yield return true;
                    }
                }
            }

            for (var c = 0; c < Commitments.Count; c++)
            {
                remaining[c] = Commitments[c].DailyAmount[m];
            }

            foreach (var r in Resources)
            {
                if (d < r.StartDay || d >= r.EndDay)
                {
                    continue;
                }

                var noise = 0.93 + (0.14 * DemoHash.Unit(DemoHash.Of(r.Hash, 100, (ulong)d)));
                var rhythm = weekend[d] ? 1 - r.WeekendDrop : 1.0;
                if (holiday[d])
                {
                    rhythm *= HolidayRhythm;
                }

                var hours = r.BaseQuantity * growth[d] * rhythm * noise;
                var quantity = Math.Round((decimal)(SingleInstance(r.Template) ? Math.Min(hours, 24) : hours), 6);
                if (quantity <= 0)
                {
                    continue;
                }

                var list = Math.Round(quantity * r.ListUnitPrice, 4);
                var contracted = Math.Round(quantity * r.ContractedUnitPrice, 4);
                if (r.Commitment < 0 || remaining[r.Commitment] <= 0)
                {
                    FillUsage(row, r, d, m, quantity, list, contracted, contracted, contracted, -1);
                    yield return true;
                    continue;
                }

                var commitment = Commitments[r.Commitment];
                var committed = Math.Round(contracted * (1 - commitment.DiscountRate), 4);
                if (committed <= remaining[r.Commitment])
                {
                    remaining[r.Commitment] -= committed;
                    FillUsage(row, r, d, m, quantity, list, contracted, 0m, committed, r.Commitment);
                    yield return true;
                    continue;
                }

                // The commitment runs out inside this row: split it into a covered and an on-demand part.
                var fraction = remaining[r.Commitment] / committed;
                var coveredQuantity = Math.Round(quantity * fraction, 6);
                var coveredList = Math.Round(list * fraction, 4);
                var coveredContracted = Math.Round(contracted * fraction, 4);
                var covered = remaining[r.Commitment];
                remaining[r.Commitment] = 0;
                FillUsage(row, r, d, m, coveredQuantity, coveredList, coveredContracted, 0m, covered, r.Commitment);
                yield return true;
                var rest = contracted - coveredContracted;
                FillUsage(row, r, d, m, quantity - coveredQuantity, list - coveredList, rest, rest, rest, -1);
                yield return true;
            }

            for (var c = 0; c < Commitments.Count; c++)
            {
                if (remaining[c] > 0)
                {
                    FillUnused(row, c, d, m, remaining[c]);
                    yield return true;
                }
            }

            foreach (var a in anomalyResources)
            {
                if (d >= a.StartDay && d < a.EndDay)
                {
                    var quantity = a.Profile == DemoLabProfile.Constant ? (decimal)a.BaseQuantity : LabQuantity(a, d);
                    if (quantity <= 0)
                    {
                        continue;
                    }

                    var cost = Math.Round(quantity * a.ContractedUnitPrice, 4);
                    FillUsage(row, a, d, m, quantity, Math.Round(quantity * a.ListUnitPrice, 4), cost, cost, cost, -1);
                    yield return true;
                }
            }

            if (d == monthLastDay[m])
            {
                for (var i = 0; i < organization.Accounts.Count; i++)
                {
                    if (TaxRate(organization.Accounts[i]) > 0 && billedSums[i] > 0)
                    {
                        FillTax(row, i, m);
                        yield return true;
                    }
                }

                Array.Clear(billedSums);
                Array.Clear(effectiveSums);
            }
        }
    }

    private void FillAccount(DemoRow row, DemoAccount account, int accountIndex, int month)
    {
        row.Clear();
        row.Set(BillingAccountId, account.BillingAccountId);
        row.Set(BillingAccountName, account.BillingAccountName);
        row.Set(BillingAccountType, account.Provider == DemoCatalog.Azure ? "Billing Profile" : null);
        row.Set(BillingCurrency, account.BillingCurrency);
        row.Set(BillingPeriodStart, monthStartStamps[month]);
        row.Set(BillingPeriodEnd, monthEndStamps[month]);
        row.Set(FocusDemoColumns.InvoiceId, invoiceIds[accountIndex][month]);
        row.Set(InvoiceIssuerName, DemoCatalog.InvoiceIssuer(account.Provider));
        row.Set(ProviderName, account.Provider);
        row.Set(PublisherName, DemoCatalog.InvoiceIssuer(account.Provider));
        row.Set(SubAccountId, account.SubAccountId);
        row.Set(SubAccountName, account.SubAccountName);
        row.Set(SubAccountType, account.SubAccountType);
        row.Set(PricingCurrency, account.BillingCurrency);
    }

    private void SetCosts(DemoRow row, int accountIndex, decimal list, decimal contracted, decimal billed, decimal effective)
    {
        row.Set(ListCost, list);
        row.Set(ContractedCost, contracted);
        row.Set(BilledCost, billed);
        row.Set(EffectiveCost, effective);
        row.Set(PricingCurrencyEffectiveCost, effective);
        billedSums[accountIndex] += billed;
        effectiveSums[accountIndex] += effective;
    }

    private void FillUsage(DemoRow row, DemoResource r, int day, int month, decimal quantity, decimal list, decimal contracted,
        decimal billed, decimal effective, int commitment)
    {
        var t = r.Template;
        FillAccount(row, r.Account, r.AccountIndex, month);
        SetCosts(row, r.AccountIndex, list, contracted, billed, effective);
        row.Set(AvailabilityZone, r.Zone);
        row.Set(ChargeCategory, "Usage");
        row.Set(ChargeFrequency, "Usage-Based");
        row.Set(ChargePeriodStart, dayStamps[day]);
        row.Set(ChargePeriodEnd, dayStamps[day + 1]);
        row.Set(ConsumedQuantity, quantity);
        row.Set(ConsumedUnit, t.PricingUnit);
        row.Set(PricingQuantity, quantity);
        row.Set(PricingUnit, t.PricingUnit);
        row.Set(ListUnitPrice, r.ListUnitPrice);
        row.Set(ContractedUnitPrice, r.ContractedUnitPrice);
        row.Set(PricingCurrencyListUnitPrice, r.ListUnitPrice);
        row.Set(PricingCurrencyContractedUnitPrice, r.ContractedUnitPrice);
        row.Set(RegionId, r.RegionId);
        row.Set(RegionName, r.RegionName);
        row.Set(ResourceId, r.ResourceId);
        row.Set(ResourceName, r.ResourceName);
        row.Set(ResourceType, t.ResourceType);
        row.Set(ServiceCategory, t.Category);
        row.Set(ServiceName, t.ServiceName);
        row.Set(ServiceSubcategory, t.Subcategory);
        row.Set(FocusDemoColumns.SkuId, r.SkuId);
        row.Set(SkuMeter, t.SkuMeter);
        row.Set(SkuPriceId, r.SkuPriceId);
        row.Set(Tags, r.Tags);
        row.Set(XServiceCode, t.ServiceCode);
        row.Set(XUsageType, r.UsageType);
        if (commitment < 0)
        {
            row.Set(ChargeDescription, r.Description);
            row.Set(PricingCategory, "Standard");
            return;
        }

        var c = Commitments[commitment];
        row.Set(ChargeDescription, c.Type + " covered usage: " + r.Description);
        row.Set(PricingCategory, "Committed");
        SetCommitment(row, c, "Used", effective);
    }

    private static void SetCommitment(DemoRow row, DemoCommitment c, string? status, decimal quantity)
    {
        row.Set(CommitmentDiscountCategory, "Spend");
        row.Set(CommitmentDiscountId, c.Id);
        row.Set(CommitmentDiscountName, c.Name);
        row.Set(CommitmentDiscountType, c.Type);
        row.Set(CommitmentDiscountStatus, status);
        row.Set(CommitmentDiscountQuantity, quantity);
        row.Set(CommitmentDiscountUnit, c.Account.BillingCurrency);
    }

    private void FillCommitmentRow(DemoRow row, DemoCommitment c, int month, decimal amount)
    {
        FillAccount(row, c.Account, c.AccountIndex, month);
        row.Set(ServiceName, c.ServiceName);
        row.Set(ServiceCategory, "Compute");
        row.Set(ServiceSubcategory, "Other (Compute)");
        row.Set(ResourceId, c.Id);
        row.Set(ResourceName, c.Name);
        row.Set(ResourceType, c.Type);
        row.Set(PricingQuantity, amount);
        row.Set(PricingUnit, c.Account.BillingCurrency);
        row.Set(ListUnitPrice, 1m);
        row.Set(ContractedUnitPrice, 1m);
        row.Set(PricingCurrencyListUnitPrice, 1m);
        row.Set(PricingCurrencyContractedUnitPrice, 1m);
        row.Set(FocusDemoColumns.SkuId, c.ServiceCode);
        row.Set(SkuPriceId, c.ServiceCode + "-1yr-monthly");
        row.Set(SkuMeter, "Commitment");
        row.Set(XServiceCode, c.ServiceCode);
        row.Set(Tags, TagsJson([new("env", "prod"), new("cost-pool", "commitments")]));
    }

    private void FillPurchase(DemoRow row, int commitment, int month)
    {
        var c = Commitments[commitment];
        var days = monthLastDay[month] - monthFirstDay[month] + 1;
        var amount = c.DailyAmount[month] * days;
        FillCommitmentRow(row, c, month, amount);
        SetCosts(row, c.AccountIndex, amount, amount, amount, 0m);
        row.Set(ChargeCategory, "Purchase");
        row.Set(ChargeFrequency, "Recurring");
        row.Set(ChargeDescription, c.Name + " monthly fee (" + c.DailyAmount[month].ToString("0.00", CultureInfo.InvariantCulture) + " per day)");
        row.Set(ChargePeriodStart, monthStartStamps[month]);
        row.Set(ChargePeriodEnd, monthChargeEndStamps[month]);
        row.Set(PricingCategory, "Standard");
        row.Set(XUsageType, "SavingsPlanRecurringFee");
        SetCommitment(row, c, null, amount);
    }

    private void FillUnused(DemoRow row, int commitment, int day, int month, decimal amount)
    {
        var c = Commitments[commitment];
        FillCommitmentRow(row, c, month, amount);
        SetCosts(row, c.AccountIndex, amount, amount, 0m, amount);
        row.Set(ChargeCategory, "Usage");
        row.Set(ChargeFrequency, "Usage-Based");
        row.Set(ChargeDescription, c.Name + " unused commitment");
        row.Set(ChargePeriodStart, dayStamps[day]);
        row.Set(ChargePeriodEnd, dayStamps[day + 1]);
        row.Set(PricingCategory, "Committed");
        row.Set(XUsageType, "SavingsPlanUnusedCommitment");
        SetCommitment(row, c, "Unused", amount);
    }

    private void FillCredit(DemoRow row, int credit, int day, int month)
    {
        var k = Credits[credit];
        var accountIndex = AccountIndex(k.Provider, k.Account);
        var account = organization.Accounts[accountIndex];
        var amount = -Math.Round(k.Amount * (decimal)Density, 2);
        FillAccount(row, account, accountIndex, month);
        SetCosts(row, accountIndex, amount, amount, amount, amount);
        row.Set(ChargeCategory, "Credit");
        row.Set(ChargeFrequency, "One-Time");
        row.Set(ChargeDescription, k.Description);
        row.Set(ChargePeriodStart, dayStamps[day]);
        row.Set(ChargePeriodEnd, dayStamps[day + 1]);
        row.Set(ServiceName, k.Service);
        row.Set(ServiceCategory, k.Category);
        row.Set(ServiceSubcategory, k.Subcategory);
        row.Set(XServiceCode, "Credit");
    }

    private void FillTax(DemoRow row, int accountIndex, int month)
    {
        var account = organization.Accounts[accountIndex];
        var rate = TaxRate(account);
        var billed = Math.Round(billedSums[accountIndex] * rate, 2);
        var effective = Math.Round(effectiveSums[accountIndex] * rate, 2);
        FillAccount(row, account, accountIndex, month);
        // List and contracted follow the amortised tax so ListCost >= ContractedCost >= EffectiveCost holds.
        SetCosts(row, accountIndex, effective, effective, billed, effective);
        row.Set(ChargeCategory, "Tax");
        row.Set(ChargeFrequency, "Recurring");
        var label = account.BillingCurrency == "EUR" ? "VAT" : "Sales tax";
        row.Set(ChargeDescription, $"{label} {(rate * 100).ToString("0.##", CultureInfo.InvariantCulture)}%");
        row.Set(ChargePeriodStart, monthStartStamps[month]);
        row.Set(ChargePeriodEnd, monthChargeEndStamps[month]);
        row.Set(ServiceName, "Tax");
        row.Set(ServiceCategory, "Other");
        row.Set(ServiceSubcategory, "Other (Other)");
        row.Set(XServiceCode, "Tax");
    }
}
