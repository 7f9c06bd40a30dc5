using System.Globalization;
using System.Text;

namespace FinOps.Benchmarks;

/// <summary>
/// Writes FOCUS 1.0 CSV exports shaped like real ones (<see cref="ExportShape.Focus10"/>, <see cref="ExportShape.Hourly"/>),
/// deterministic for a row count and last day, so that every run measures the same bytes.
/// </summary>
/// <remarks>
/// Modelled on the FinOps Foundation's anonymised FOCUS 1.0 sample (AWS, Microsoft and Oracle rows): its column set and
/// order (the non-FOCUS "Id" column replaced by three x_ columns), strings quoted, numbers bare, the bare token NULL for
/// no value, "YYYY-MM-DD HH:MM:SS" timestamps, amounts with 11 decimals, SKU ids and price ids per provider, tag keys such
/// as "application", "business_unit", "CostCenter" and " org". Each resource has one to four SKU line items and its own
/// tag set; resources start and stop over the period. Rows are written time-major (every resource of a day, or of an
/// hour, then the next), in a fixed shuffled resource order, as an export lists them.
/// </remarks>
public static class ShapedExportGenerator
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd",
        "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd",
        "ChargePeriodStart", "CommitmentDiscountCategory", "CommitmentDiscountId", "CommitmentDiscountName",
        "CommitmentDiscountStatus", "CommitmentDiscountType", "ConsumedQuantity", "ConsumedUnit", "ContractedCost",
        "ContractedUnitPrice", "EffectiveCost", "InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory",
        "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "RegionId", "RegionName", "ResourceId",
        "ResourceName", "ResourceType", "ServiceCategory", "ServiceName", "SkuId", "SkuPriceId", "SubAccountId",
        "SubAccountName", "Tags", "x_ServiceCode", "x_UsageType", "x_Operation",
    ];

    private const string Null = "NULL";

    /// <summary>Days of data: two months and a bit for daily rows (three billing periods), two weeks for hourly ones.</summary>
    public static int Days(ExportShape shape) => shape == ExportShape.Hourly ? 14 : 61;

    /// <summary>Writes about <paramref name="targetRows"/> rows ending on <paramref name="lastDay"/>; returns the rows written.</summary>
    public static long Write(string path, ExportShape shape, int targetRows, DateOnly lastDay)
    {
        if (shape == ExportShape.Demo)
        {
            throw new ArgumentException("the demo shape is written by FocusDemoGenerator", nameof(shape));
        }

        var hourly = shape == ExportShape.Hourly;
        var days = Days(shape);
        var firstDay = lastDay.AddDays(1 - days);
        var slotsPerDay = hourly ? 24 : 1;
        var random = new Random(hourly ? 20261122 : 10_2024);
        var catalog = new Catalog(random, hourly);

        // Each resource-SKU line is active on about 93% of the slots of its lifetime; aim the line count at the target.
        var linesPerSlot = (int)Math.Ceiling(targetRows / (double)(days * slotsPerDay) / 0.93 / 0.9);
        var resources = new List<Resource>();
        for (var lines = 0; lines < linesPerSlot;)
        {
            var resource = catalog.NextResource(days);
            resources.Add(resource);
            lines += resource.Lines.Length;
        }

        Shuffle(random, resources);

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 20) { NewLine = "\n" };
        writer.Write(string.Join(',', Columns.Select(c => Quote(c))));
        writer.Write('\n');
        long rows = 0;
        for (var day = 0; day < days; day++)
        {
            var date = firstDay.AddDays(day);
            var billingStart = new DateOnly(date.Year, date.Month, 1);
            var billingPeriod = Quote(Timestamp(billingStart.AddMonths(1), 0)) + "," + Quote(Timestamp(billingStart, 0));
            for (var slot = 0; slot < slotsPerDay; slot++)
            {
                var chargePeriod = hourly
                    ? Quote(Timestamp(date, slot + 1)) + "," + Quote(Timestamp(date, slot))
                    : Quote(Timestamp(date.AddDays(1), 0)) + "," + Quote(Timestamp(date, 0));
                foreach (var resource in resources)
                {
                    if (day < resource.FirstDay || day > resource.LastDay)
                    {
                        continue;
                    }

                    foreach (var line in resource.Lines)
                    {
                        if (random.NextDouble() < 0.07)
                        {
                            continue;
                        }

                        WriteRow(writer, random, resource, line, billingPeriod, chargePeriod, hourly);
                        rows++;
                    }
                }
            }
        }

        return rows;
    }

    private static void WriteRow(StreamWriter w, Random random, Resource r, Line line, string billingPeriod, string chargePeriod, bool hourly)
    {
        // Usage varies from row to row, as metered usage does: amounts rarely repeat.
        var quantity = Math.Round(line.BaseQuantity * (decimal)(0.5 + random.NextDouble()), 6);
        var list = Math.Round(quantity * line.Sku.UnitPrice, 10);
        var billed = line.Kind switch
        {
            LineKind.Committed => 0m,
            LineKind.Credit => -list,
            _ => list,
        };
        var effective = line.Kind switch
        {
            LineKind.Committed => Math.Round(list * 0.72m, 10),
            LineKind.EffectiveZero => 0m,
            LineKind.Credit => -list,
            _ => list,
        };
        var contracted = line.Kind == LineKind.EffectiveZero ? 0m : effective;

        w.Write(r.AvailabilityZone);
        w.Write(',');
        w.Write(Money(billed));
        w.Write(',');
        w.Write(r.Account);
        w.Write(',');
        w.Write(billingPeriod);
        w.Write(',');
        w.Write(line.Kind == LineKind.Credit ? "\"Credit\"" : "\"Usage\"");
        w.Write(',');
        w.Write(Null);
        w.Write(',');
        w.Write(line.Sku.Description);
        w.Write(',');
        w.Write(r.ChargeFrequency);
        w.Write(',');
        w.Write(chargePeriod);
        w.Write(',');
        w.Write(line.Commitment);
        w.Write(',');
        w.Write(quantity.ToString(hourly ? "F15" : "F15", CultureInfo.InvariantCulture));
        w.Write(',');
        w.Write(line.Sku.Unit);
        w.Write(',');
        w.Write(Money(contracted));
        w.Write(',');
        w.Write(line.Sku.ContractedUnitPrice);
        w.Write(',');
        w.Write(Money(effective));
        w.Write(',');
        w.Write(r.InvoiceIssuer);
        w.Write(',');
        w.Write(Money(list));
        w.Write(',');
        w.Write(line.Sku.ListUnitPrice);
        w.Write(',');
        w.Write(line.Kind == LineKind.Committed ? "\"Committed\"" : "\"Standard\"");
        w.Write(',');
        w.Write(Money(quantity));
        w.Write(',');
        w.Write(line.Sku.Unit);
        w.Write(',');
        w.Write(r.Provider);
        w.Write(',');
        w.Write(r.Identity);
        w.Write(',');
        w.Write(line.Sku.Ids);
        w.Write(',');
        w.Write(r.SubAccount);
        w.Write(',');
        w.Write(r.Tags);
        w.Write(',');
        w.Write(r.ServiceCode);
        w.Write(',');
        w.Write(line.Sku.Extensions);
        w.Write('\n');
    }

    private static string Money(decimal amount) => amount.ToString("F11", CultureInfo.InvariantCulture);

    private static string Timestamp(DateOnly date, int hour) =>
        date.ToDateTime(TimeOnly.MinValue).AddHours(hour).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    internal static string Quote(string? text) => text is null ? Null : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void Shuffle<T>(Random random, List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private enum LineKind
    {
        Standard,
        Committed,
        EffectiveZero,
        Credit,
    }

    /// <summary>One SKU price, with its CSV cells written once.</summary>
    private sealed record Sku(decimal UnitPrice, string Description, string Unit, string ListUnitPrice, string ContractedUnitPrice, string Ids, string Extensions);

    /// <summary>One line item of a resource: a SKU, how much of it a slot uses, and how it is priced.</summary>
    private sealed record Line(Sku Sku, decimal BaseQuantity, LineKind Kind, string Commitment);

    /// <summary>A resource with the CSV cells that stay the same on all its rows, written once.</summary>
    private sealed record Resource(
        string AvailabilityZone, string Account, string ChargeFrequency, string InvoiceIssuer, string Provider, string Identity,
        string SubAccount, string Tags, string ServiceCode, Line[] Lines, int FirstDay, int LastDay);

    private sealed record Service(string Provider, string Name, string Code, string Category, string ResourceType, string IdKind, string[] Units, Sku[] Skus);

    private sealed record Account(string Provider, string Id, string Name, string Currency, string Issuer, string[] SubAccountIds, string[] SubAccountNames, string[] Regions);

    /// <summary>Providers, accounts, services and their SKUs, tag vocabularies: the fixed world the resources are drawn from.</summary>
    private sealed class Catalog
    {
        private static readonly (string Id, string Name)[] AwsRegions =
        [
            ("us-east-1", "US East (N. Virginia)"), ("us-east-2", "US East (Ohio)"), ("us-west-2", "US West (Oregon)"),
            ("eu-west-1", "Europe (Ireland)"), ("eu-central-1", "Europe (Frankfurt)"), ("ap-southeast-1", "Asia Pacific (Singapore)"),
            ("ap-northeast-1", "Asia Pacific (Tokyo)"), ("ca-central-1", "Canada (Central)"),
        ];

        private static readonly (string Id, string Name)[] AzureRegions =
        [
            ("eastus", "East US"), ("eastus2", "East US 2"), ("westus2", "West US 2"), ("westeurope", "West Europe"),
            ("northeurope", "North Europe"), ("uksouth", "UK South"),
        ];

        private static readonly (string Id, string Name)[] OracleRegions = [("us-sanjose-1", "US West (San Jose)"), ("us-ashburn-1", "US East (Ashburn)")];

        private static readonly string[] Words =
        [
            "atlas", "orion", "zenith", "nimbus", "apollo", "horizon", "pioneer", "eclipse", "odyssey", "sunbird", "quantum", "vertex",
            "aurora", "polaris", "nova", "helix", "summit", "harbor", "falcon", "cobalt", "ember", "lumen", "delta", "sierra",
        ];

        private static readonly string[] Cities =
        [
            "Vienna", "Durban", "Tunis", "Jakarta", "Lahore", "Lima", "Oslo", "Quito", "Austin", "Porto", "Osaka", "Accra", "Dublin",
            "Perth", "Bogota", "Krakow", "Seattle", "Nairobi", "Riga", "Hanoi",
        ];

        private static readonly string[] Units = ["AI", "SRE", "Engineering", "Data", "Platform", "Finance", "Marketing", "Security"];

        private static readonly string[] AppParts =
        [
            "Bright", "Lens", "Matrix", "Opti", "Bolt", "Infinity", "Gen", "Flow", "Prime", "Safe", "Radar", "Core", "Global", "Suite",
            "Essentials", "Smart", "Hub", "Pulse", "Nexus", "Wave", "Cloud", "Sync", "Vault", "Stream",
        ];

        private static readonly string[] HourlyTagKeys =
        [
            "application", "environment", "business_unit", "CostCenter", "owner", "team", "project", "component", "tier", "managed-by",
            "created-by", "creation-date", "git-commit", "git-repo", "deployment", "release", "version", "compliance", "data-classification",
            "backup-policy", "patch-group", "sla", "support-contact", "cost-allocation", "product", "chargeback-id", "budget-code",
            "kubernetes.io/cluster/platform", "kubernetes.io/created-for/pvc/name", "kubernetes.io/created-for/pvc/namespace",
            "kubernetes.io/created-for/pv/name", "aks-managed-cluster-name", "aks-managed-cluster-rg", "aks-managed-poolName",
            "aks-managed-orchestrator", "aks-managed-createOperationID", "aks-managed-creationSource", "aks-managed-kubeletIdentityClientID",
            "aws:cloudformation:stack-name", "aws:cloudformation:logical-id", "aws:autoscaling:groupName", "aws:eks:cluster-name",
            "eks:nodegroup-name", "karpenter.sh/nodepool", "karpenter.k8s.aws/ec2nodeclass", "hidden-link: /app-insights-resource-id",
            "ms-resource-usage", "Cost department", " org", "ccm", "ftk-tool", "ftk-version", "Schedule", "AutoShutdown", "Name",
            "map-migrated", "lifecycle", "workload", "service-tier", "alert-channel",
        ];

        private readonly Random _random;
        private readonly bool _hourly;
        private readonly Account[] _accounts;
        private readonly Service[] _services;
        private readonly string[] _applications;
        private readonly string[] _businessUnits;
        private readonly string[] _commitments;

        public Catalog(Random random, bool hourly)
        {
            _random = random;
            _hourly = hourly;
            _applications = [.. Enumerable.Range(0, 400).Select(_ => Pick(AppParts) + Pick(AppParts) + Pick(AppParts)).Distinct(StringComparer.Ordinal)];
            _businessUnits = [.. Cities.SelectMany(c => Units.Select(u => c + u))];
            _commitments = [.. Enumerable.Range(0, 6).Select(_ => $"arn:aws:savingsplans::{Digits(12)}:savingsplan/{Guid()}")];
            _accounts =
            [
                AwsAccount("1234567890123", "SunBird", 40),
                AwsAccount("9876543210987", "Orion Holdings", 25),
                new Account("Microsoft", "/providers/Microsoft.Billing/billingAccounts/8611537", "SunBird", "USD", "Microsoft",
                    [.. Enumerable.Range(0, 12).Select(_ => "/subscriptions/" + Guid())], [.. Enumerable.Range(0, 12).Select(_ => Name(' '))], [.. AzureRegions.Select(r => r.Id)]),
                new Account("Microsoft", "/providers/Microsoft.Billing/billingAccounts/5523981", "SunBird EU", "EUR", "Microsoft",
                    [.. Enumerable.Range(0, 6).Select(_ => "/subscriptions/" + Guid())], [.. Enumerable.Range(0, 6).Select(_ => Name(' '))], ["westeurope", "northeurope", "uksouth"]),
                new Account("Oracle", "20209880", string.Empty, "USD", "Oracle",
                    [.. Enumerable.Range(0, 3).Select(_ => "ocid1.tenancy.oc1..aaaaaaaa" + Lower(52))], [.. Enumerable.Range(0, 3).Select(_ => Name(' '))], [.. OracleRegions.Select(r => r.Id)]),
            ];
            _services =
            [
                AwsService("Amazon Elastic Compute Cloud", "AmazonEC2", "Compute", "instance", "ec2:instance", ["Hrs"]),
                AwsService("Amazon Elastic Compute Cloud", "AmazonEC2", "Storage", "volume", "ec2:volume", ["GB-Mo", "IOPS-Mo"]),
                AwsService("Amazon Simple Storage Service", "AmazonS3", "Storage", "bucket", "s3", ["GB-Mo", "Requests", "GB"]),
                AwsService("Amazon Relational Database Service", "AmazonRDS", "Databases", "db", "rds:db", ["Hrs", "GB-Mo"]),
                AwsService("Elastic Load Balancing", "AWSELB", "Networking", "loadbalancer", "elasticloadbalancing:loadbalancer", ["LCU-Hours", "Hrs"]),
                AwsService("Amazon Simple Queue Service", "AWSQueueService", "Integration", "queue", "sqs", ["Requests"]),
                AwsService("AWS Lambda", "AWSLambda", "Compute", "function", "lambda:function", ["Lambda-GB-Second", "Requests"]),
                AwsService("Amazon CloudWatch", "AmazonCloudWatch", "Management and Governance", "log-group", "logs:log-group", ["GB", "Metrics"]),
                AwsService("Amazon DynamoDB", "AmazonDynamoDB", "Databases", "table", "dynamodb:table", ["ReadRequestUnits", "WriteRequestUnits", "GB-Mo"]),
                AwsService("Amazon Elastic Container Service for Kubernetes", "AmazonEKS", "Compute", "cluster", "eks:nodegroup", ["Hours"]),
                AwsService("Amazon Virtual Private Cloud", "AmazonVPC", "Networking", "natgateway", "ec2:natgateway", ["Hrs", "GB"]),
                AwsService("AWS Key Management Service", "awskms", "Security", "key", "kms:key", ["Requests", "Keys"]),
                AwsService("Amazon SageMaker", "AmazonSageMaker", "AI and Machine Learning", "notebook-instance", "sagemaker:notebook-instance", ["Hrs"]),
                AzureService("Virtual Machines", "Compute", "Virtual machine", "Microsoft.Compute/virtualMachineScaleSets", ["1 Hour"]),
                AzureService("Storage Accounts", "Storage", "Storage account", "Microsoft.Storage/storageAccounts", ["1 GB/Month", "10K", "1 GB"]),
                AzureService("Azure SQL Database", "Databases", "SQL database", "Microsoft.Sql/servers", ["1 Hour", "1 GB/Month"]),
                AzureService("Azure Kubernetes Service", "Compute", "Disk", "Microsoft.Compute/disks", ["1/Month"]),
                AzureService("Virtual Network", "Networking", "Public IP address", "Microsoft.Network/publicIPAddresses", ["1 Hour"]),
                AzureService("Azure Monitor", "Management and Governance", "Log Analytics workspace", "Microsoft.OperationalInsights/workspaces", ["1 GB"]),
                OracleService("COMPUTE", "Compute", "instance", ["OCPU Hours", "GB Hours"]),
                OracleService("BLOCK_STORAGE", "Storage", "bootvolume", ["GB Months"]),
                OracleService("NETWORK", "Networking", "vnic", ["GB Months"]),
            ];
        }

        public Resource NextResource(int days)
        {
            // AWS about 80% of the services drawn, Microsoft 15%, Oracle 5%: the sample's mix.
            var roll = _random.NextDouble();
            var provider = roll < 0.8 ? "AWS" : roll < 0.95 ? "Microsoft" : "Oracle";
            var services = _services.Where(s => s.Provider == provider).ToArray();
            var service = services[_random.Next(services.Length)];
            var accounts = _accounts.Where(a => a.Provider == provider).ToArray();
            var account = accounts[_random.Next(accounts.Length)];
            var sub = _random.Next(account.SubAccountIds.Length);
            var region = account.Regions[_random.Next(account.Regions.Length)];
            var regionName = AwsRegions.Concat(AzureRegions).Concat(OracleRegions).First(r => r.Id == region).Name;
            var id = ResourceId(service, account, sub, region);
            var name = provider switch
            {
                "Microsoft" => id[(id.LastIndexOf('/') + 1)..],
                "AWS" when _random.NextDouble() < 0.3 => Name('-'),
                _ => null,
            };
            var zone = provider switch
            {
                "AWS" when service.Category is "Compute" or "Storage" && service.IdKind != "s3" => region + (char)('a' + _random.Next(3)),
                "Oracle" => Letters(4) + ":" + region.ToUpperInvariant() + "-AD-1",
                _ => null,
            };
            var lines = new Line[1 + Math.Min(3, (int)(-Math.Log(1 - _random.NextDouble()) * 1.2))];
            for (var i = 0; i < lines.Length; i++)
            {
                var sku = service.Skus[_random.Next(service.Skus.Length)];
                var kindRoll = _random.NextDouble();
                var kind = provider == "AWS" && service.Category == "Compute" && kindRoll < 0.15 ? LineKind.Committed
                    : kindRoll < 0.05 ? LineKind.EffectiveZero
                    : kindRoll < 0.06 ? LineKind.Credit
                    : LineKind.Standard;
                var commitment = kind == LineKind.Committed
                    ? "\"Spend\"," + Quote(_commitments[_random.Next(_commitments.Length)]) + ",NULL,\"Used\",\"Savings Plan\""
                    : "NULL,NULL,NULL,NULL,NULL";
                var quantity = Math.Round((decimal)Math.Exp((_random.NextDouble() * 9) - 4) * (_hourly ? 1m : 24m), 6);
                lines[i] = new Line(sku, quantity, kind, commitment);
            }

            // Line items of one fact next to each other (usage, then commitment-covered usage, then credits), as exports group
            // a resource's charges: the importer flushes its buffer between facts, and a fact split by a flush is stored as
            // two (same totals) where DuckDB's GROUP BY counts one.
            Array.Sort(lines, (a, b) => Group(a.Kind).CompareTo(Group(b.Kind)));
            var firstDay = _random.NextDouble() < 0.15 ? _random.Next(days) : 0;
            var lastDay = _random.NextDouble() < 0.1 ? _random.Next(firstDay, days) : days - 1;
            return new Resource(
                Quote(zone),
                Quote(account.Id) + "," + Quote(account.Name) + "," + Quote(account.Currency),
                Quote(provider == "Oracle" ? "Usage-based" : "Usage-Based"),
                Quote(account.Issuer == "AWS" ? Pick(["Amazon Web Services, Inc.", "Amazon Web Services EMEA SARL", "Amazon Web Services Canada, Inc."]) : account.Issuer),
                Quote(provider) + "," + Quote(account.Issuer == "AWS" ? "Amazon Web Services, Inc." : account.Issuer) + "," + Quote(region) + "," + Quote(regionName),
                Quote(id) + "," + Quote(name) + "," + Quote(service.ResourceType) + "," + Quote(service.Category) + "," + Quote(service.Name),
                Quote(account.SubAccountIds[sub]) + "," + Quote(account.SubAccountNames[sub]),
                Tags(provider),
                Quote(service.Code),
                lines,
                firstDay,
                lastDay);
        }

        private static int Group(LineKind kind) => kind switch
        {
            LineKind.Standard or LineKind.EffectiveZero => 0,
            LineKind.Committed => 1,
            _ => 2,
        };

        private Account AwsAccount(string id, string name, int subAccounts) =>
            new("AWS", id, name, "USD", "AWS", [.. Enumerable.Range(0, subAccounts).Select(_ => Digits(11))], [.. Enumerable.Range(0, subAccounts).Select(_ => Name(' '))], [.. AwsRegions.Select(r => r.Id)]);

        private Service AwsService(string name, string code, string category, string resourceType, string idKind, string[] units) =>
            new("AWS", name, code, category, resourceType, idKind, units, Skus("AWS", name, units, 90));

        private Service AzureService(string name, string category, string resourceType, string idKind, string[] units) =>
            new("Microsoft", name, name, category, resourceType, idKind, units, Skus("Microsoft", name, units, 60));

        private Service OracleService(string name, string category, string resourceType, string[] units) =>
            new("Oracle", name, name, category, resourceType, resourceType, units, Skus("Oracle", name, units, 30));

        private Sku[] Skus(string provider, string service, string[] units, int count)
        {
            var skus = new Sku[count];
            for (var i = 0; i < count; i++)
            {
                var unit = units[_random.Next(units.Length)];
                var price = Math.Round((decimal)Math.Exp((_random.NextDouble() * 12) - 10), 8);
                var skuId = provider switch
                {
                    "AWS" => Upper(16),
                    "Microsoft" => Digits(7),
                    _ => "B" + Digits(5),
                };
                var priceId = provider switch
                {
                    "AWS" => skuId + ".JRTCKXETXF." + Upper(10),
                    "Microsoft" => skuId,
                    _ => string.Empty,
                };
                var (region, regionName) = provider == "AWS" ? AwsRegions[_random.Next(AwsRegions.Length)] : AzureRegions[_random.Next(AzureRegions.Length)];
                var description = provider == "AWS"
                    ? string.Create(CultureInfo.InvariantCulture, $"${price:0.########} per {Pick(["On Demand Linux", "On Demand Windows", "Standard", "Provisioned", "Tier1", "Reserved"])} {service} {unit} in {regionName}")
                    : string.Create(CultureInfo.InvariantCulture, $"{service} - {Pick(["Standard", "Premium", "LRS", "ZRS", "E3", "E4", "D4s v5"])} - {unit} - {regionName}");
                var usageType = provider == "AWS" ? region.ToUpperInvariant()[..2] + Digits(1) + "-" + unit.Replace(' ', '-') : unit;
                skus[i] = new Sku(
                    price,
                    Quote(description),
                    Quote(unit),
                    Quote(price.ToString("0.##########", CultureInfo.InvariantCulture)),
                    provider == "Oracle" ? Null : price.ToString("F11", CultureInfo.InvariantCulture),
                    Quote(skuId) + "," + Quote(priceId),
                    Quote(usageType) + "," + Quote(Pick(["RunInstances", "CreateVolume-Gp3", "GetObject", "PutObject", "CreateDBInstance", "Invoke", "NatGateway", "LoadBalancing"])));
            }

            return skus;
        }

        private string ResourceId(Service service, Account account, int sub, string region)
        {
            var subAccount = account.SubAccountIds[sub];
            if (account.Provider == "Oracle")
            {
                return $"ocid1.{service.IdKind}.oc1.{region}.{Lower(60)}";
            }

            if (!_hourly)
            {
                return account.Provider == "AWS"
                    ? service.IdKind switch
                    {
                        "s3" => "arn:aws:s3:::" + Name('-') + "-" + Lower(6),
                        "ec2:instance" => $"arn:aws:ec2:{region}:{subAccount}:instance/i-0{Hex(16)}",
                        "ec2:volume" => $"arn:aws:ec2:{region}:{subAccount}:volume/vol-0{Hex(16)}",
                        _ => $"arn:aws:{service.IdKind.Split(':')[0]}:{region}:{subAccount}:{service.ResourceType}/{Name('-')}-{Hex(8)}",
                    }
                    : $"{subAccount}/resourcegroups/{Name('-')}/providers/{service.IdKind.ToLowerInvariant()}/{Lower(24)}";
            }

            // Hourly exports of container platforms: node pools, disks and load balancers named after clusters, 150-250 chars.
            var target = 150 + _random.Next(101);
            var id = account.Provider == "AWS"
                ? $"arn:aws:{service.IdKind.Split(':')[0]}:{region}:{subAccount}:{service.ResourceType}/{Name('-')}-{Name('-')}-prod-{region}/{Name('-')}-nodegroup-{Guid()}"
                : $"{subAccount}/resourceGroups/MC_rg-{Name('-')}-prod-{region}_aks-{Name('-')}-prod-{region}-01_{region}/providers/{service.IdKind}/aks-{Name('-')}-{Digits(8)}-vmss";
            while (id.Length < target)
            {
                id += (id.Length % 3 == 0 ? "/" : "-") + Lower(Math.Min(12, target - id.Length));
            }

            return id.Length > 250 ? id[..250] : id;
        }

        private string Tags(string provider)
        {
            var pairs = new List<(string Key, string Value)>();
            if (_hourly)
            {
                var count = 20 + _random.Next(21);
                var keys = HourlyTagKeys.OrderBy(_ => _random.Next()).Take(count);
                foreach (var key in keys)
                {
                    pairs.Add((key, key switch
                    {
                        "application" => Pick(_applications),
                        "business_unit" => Pick(_businessUnits),
                        "environment" => Pick(["prod", "dev", "staging", "test"]),
                        "creation-date" => string.Create(CultureInfo.InvariantCulture, $"2026-{1 + _random.Next(11):00}-{1 + _random.Next(28):00}T{_random.Next(24):00}:{_random.Next(60):00}:00Z"),
                        "git-commit" => Hex(40),
                        "aks-managed-createOperationID" or "aks-managed-kubeletIdentityClientID" or "kubernetes.io/created-for/pv/name" => Guid(),
                        _ => _random.NextDouble() < 0.5 ? Name('-') : Pick(_applications).ToLowerInvariant(),
                    }));
                }
            }
            else
            {
                var roll = _random.NextDouble();
                if (roll < 0.3)
                {
                    return Null;
                }

                pairs.Add(("application", Pick(_applications)));
                pairs.Add(("environment", Pick(["prod", "dev", "staging"])));
                pairs.Add(("business_unit", Pick(_businessUnits)));
                if (provider == "Microsoft" || roll > 0.9)
                {
                    pairs.Add(("env", Pick(["prod", "dev"])));
                    pairs.Add(("org", "trey"));
                    pairs.Add((" org", "trey"));
                    pairs.Add(("Project", Pick(["Foo", "Bar", "Baz"])));
                    pairs.Add(("CostCenter", Digits(4)));
                }

                if (roll > 0.85)
                {
                    pairs.Add(("Cost department", Pick(Units)));
                }
            }

            var json = new StringBuilder("{");
            foreach (var (key, value) in pairs)
            {
                json.Append(json.Length > 1 ? ", " : string.Empty).Append('"').Append(key).Append("\": \"").Append(value).Append('"');
            }

            return Quote(json.Append('}').ToString());
        }

        private string Pick(string[] values) => values[_random.Next(values.Length)];

        private string Name(char separator) => Pick(Words) + separator + Pick(Words);

        private string Guid() => $"{Hex(8)}-{Hex(4)}-{Hex(4)}-{Hex(4)}-{Hex(12)}";

        private string Hex(int length) => Chars("0123456789abcdef", length);

        private string Digits(int length) => Chars("0123456789", length);

        private string Lower(int length) => Chars("abcdefghijklmnopqrstuvwxyz0123456789", length);

        private string Upper(int length) => Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", length);

        private string Letters(int length) => Chars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", length);

        private string Chars(string alphabet, int length) =>
            string.Create(length, (alphabet, _random), static (span, state) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = state.alphabet[state._random.Next(state.alphabet.Length)];
                }
            });
    }
}
