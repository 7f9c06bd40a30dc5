namespace FinOps.Demo;

/// <summary>Services, SKUs, list prices and regions of the demo data, close to the providers' real ones.</summary>
internal static class DemoCatalog
{
    public const string Aws = "AWS";
    public const string Azure = "Microsoft";
    public const string Gcp = "Google Cloud";
    public const string Oracle = "Oracle";

    public static readonly (string Id, string Name)[] AwsRegions =
        [("us-east-1", "US East (N. Virginia)"), ("us-east-1", "US East (N. Virginia)"), ("us-west-2", "US West (Oregon)"), ("eu-west-1", "Europe (Ireland)")];

    public static readonly (string Id, string Name)[] AzureRegions =
        [("eastus", "East US"), ("eastus", "East US"), ("westeurope", "West Europe")];

    public static readonly (string Id, string Name)[] AzureEuroRegions = [("germanywestcentral", "Germany West Central")];

    public static readonly (string Id, string Name)[] GcpRegions =
        [("us-central1", "Iowa"), ("us-central1", "Iowa"), ("us-east1", "South Carolina"), ("europe-west4", "Netherlands")];

    public static readonly (string Id, string Name)[] OracleRegions = [("us-ashburn-1", "US East (Ashburn)")];

    public static string InvoiceIssuer(string provider) => provider switch
    {
        Aws => "Amazon Web Services, Inc.",
        Azure => "Microsoft",
        Gcp => "Google",
        _ => "Oracle",
    };

    public static IReadOnlyList<DemoServiceTemplate> Templates { get; } = Build();

    private static string Arn(string service, DemoResourceIdContext c, string resource) =>
        $"arn:aws:{service}:{c.RegionId}:{c.SubAccountId}:{resource}";

    private static string AzureId(DemoResourceIdContext c, string provider) =>
        $"/subscriptions/{c.SubAccountId}/resourceGroups/{c.ResourceGroup}/providers/{provider}/{c.Name}";

    private static DemoServiceTemplate[] Build() =>
    [
        // ---------------- AWS ----------------
        new()
        {
            Provider = Aws, ServiceName = "Amazon Elastic Compute Cloud", Category = "Compute", Subcategory = "Virtual Machines",
            ResourceType = "Instance", ServiceCode = "AmazonEC2", Stem = "app", UsageType = "BoxUsage", SkuMeter = "Compute Instance",
            Variants = [("m6i.xlarge", 0.192m), ("m6i.2xlarge", 0.384m), ("m6i.4xlarge", 0.768m), ("c6i.4xlarge", 0.68m), ("r6i.4xlarge", 1.008m)],
            PricingUnit = "Hours", QuantityPerDay = 24, WeekendDrop = 0.3, Weight = 22, CommitmentEligible = true, Zonal = true,
            ResourceId = c => Arn("ec2", c, "instance/i-0" + DemoHash.Hex(c.Hash, 16)),
        },
        new()
        {
            Provider = Aws, ServiceName = "Amazon Elastic Compute Cloud", Category = "Compute", Subcategory = "Virtual Machines",
            ResourceType = "Instance", ServiceCode = "AmazonEC2", Stem = "gpu", UsageType = "BoxUsage", SkuMeter = "Compute Instance",
            Variants = [("g5.2xlarge", 1.212m), ("p3.2xlarge", 3.06m)],
            PricingUnit = "Hours", QuantityPerDay = 16, WeekendDrop = 0.4, Weight = 3, CommitmentEligible = true, Zonal = true, Teams = ["ml"],
            ResourceId = c => Arn("ec2", c, "instance/i-0" + DemoHash.Hex(c.Hash, 16)),
        },
        new()
        {
            Provider = Aws, ServiceName = "Amazon Simple Storage Service", Category = "Storage", Subcategory = "Object Storage",
            ResourceType = "Bucket", ServiceCode = "AmazonS3", Stem = "bucket", UsageType = "TimedStorage-ByteHrs", SkuMeter = "Storage",
            Variants = [("Standard", 0.023m), ("Standard-IA", 0.0125m)],
            PricingUnit = "GB-Month", QuantityPerDay = 900, WeekendDrop = 0.01, Weight = 6,
            ResourceId = c => "arn:aws:s3:::" + c.Name,
        },
        new()
        {
            Provider = Aws, ServiceName = "Amazon Relational Database Service", Category = "Databases", Subcategory = "Relational Databases",
            ResourceType = "DB Instance", ServiceCode = "AmazonRDS", Stem = "db", UsageType = "Multi-AZUsage", SkuMeter = "Database Instance",
            Variants = [("db.m6g.large", 0.304m), ("db.r6g.xlarge", 0.96m), ("db.r6g.2xlarge", 1.92m)],
            PricingUnit = "Hours", QuantityPerDay = 24, WeekendDrop = 0, Weight = 3, Zonal = true,
            ResourceId = c => Arn("rds", c, "db:" + c.Name),
        },
        new()
        {
            Provider = Aws, ServiceName = "AWS Lambda", Category = "Compute", Subcategory = "Serverless Compute",
            ResourceType = "Function", ServiceCode = "AWSLambda", Stem = "fn", UsageType = "Lambda-GB-Second", SkuMeter = "Serverless",
            Variants = [("x86", 0.0000166667m), ("arm64", 0.0000133334m)],
            PricingUnit = "GB-Seconds", QuantityPerDay = 400000, WeekendDrop = 0.45, Weight = 4, CommitmentEligible = true,
            ResourceId = c => Arn("lambda", c, "function:" + c.Name),
        },
        new()
        {
            Provider = Aws, ServiceName = "Amazon DynamoDB", Category = "Databases", Subcategory = "NoSQL Databases",
            ResourceType = "Table", ServiceCode = "AmazonDynamoDB", Stem = "table", UsageType = "WriteRequestUnits", SkuMeter = "Requests",
            Variants = [("On-Demand Write", 0.00000125m)],
            PricingUnit = "Requests", QuantityPerDay = 6000000, WeekendDrop = 0.3, Weight = 3,
            ResourceId = c => Arn("dynamodb", c, "table/" + c.Name),
        },
        new()
        {
            Provider = Aws, ServiceName = "Amazon CloudFront", Category = "Networking", Subcategory = "Content Delivery",
            ResourceType = "Distribution", ServiceCode = "AmazonCloudFront", Stem = "cdn", UsageType = "DataTransfer-Out-Bytes", SkuMeter = "Data Transfer",
            Variants = [("Data Transfer Out", 0.085m)],
            PricingUnit = "GB", QuantityPerDay = 180, WeekendDrop = 0.2, Weight = 2, Global = true,
            Teams = ["checkout", "mobile", "growth", "search", "payments"],
            ResourceId = c => $"arn:aws:cloudfront::{c.SubAccountId}:distribution/E{DemoHash.Hex(c.Hash, 13).ToUpperInvariant()}",
        },
        new()
        {
            Provider = Aws, ServiceName = "Amazon Elastic Kubernetes Service", Category = "Compute", Subcategory = "Containers",
            ResourceType = "Cluster", ServiceCode = "AmazonEKS", Stem = "eks", UsageType = "AmazonEKS-Hours:perCluster", SkuMeter = "Cluster",
            Variants = [("Standard support", 0.10m)],
            PricingUnit = "Hours", QuantityPerDay = 24, WeekendDrop = 0, Weight = 1,
            ResourceId = c => Arn("eks", c, "cluster/" + c.Name),
        },
        new()
        {
            Provider = Aws, ServiceName = "Amazon ElastiCache", Category = "Databases", Subcategory = "Caching",
            ResourceType = "Cache Cluster", ServiceCode = "AmazonElastiCache", Stem = "cache", UsageType = "NodeUsage", SkuMeter = "Cache Node",
            Variants = [("cache.r6g.large", 0.206m), ("cache.m6g.xlarge", 0.311m)],
            PricingUnit = "Hours", QuantityPerDay = 48, WeekendDrop = 0, Weight = 2, Zonal = true,
            ResourceId = c => Arn("elasticache", c, "cluster:" + c.Name),
        },
        new()
        {
            Provider = Aws, ServiceName = "Amazon OpenSearch Service", Category = "Analytics", Subcategory = "Search",
            ResourceType = "Domain", ServiceCode = "AmazonES", Stem = "search", UsageType = "ESInstance", SkuMeter = "Search Instance",
            Variants = [("r6g.large.search", 0.167m), ("r6g.2xlarge.search", 0.669m)],
            PricingUnit = "Hours", QuantityPerDay = 72, WeekendDrop = 0, Weight = 4, Teams = ["search"],
            ResourceId = c => Arn("es", c, "domain/" + c.Name),
        },
        new()
        {
            Provider = Aws, ServiceName = "Amazon SageMaker", Category = "AI and Machine Learning", Subcategory = "Machine Learning",
            ResourceType = "Endpoint", ServiceCode = "AmazonSageMaker", Stem = "endpoint", UsageType = "Host:ml", SkuMeter = "Inference",
            Variants = [("ml.g5.xlarge", 1.408m), ("ml.m5.xlarge", 0.23m)],
            PricingUnit = "Hours", QuantityPerDay = 24, WeekendDrop = 0.1, Weight = 3, Teams = ["ml"],
            ResourceId = c => Arn("sagemaker", c, "endpoint/" + c.Name),
        },
        new()
        {
            Provider = Aws, ServiceName = "Amazon Bedrock", Category = "AI and Machine Learning", Subcategory = "Generative AI",
            ResourceType = "Model Invocation", ServiceCode = "AmazonBedrock", Stem = "genai", UsageType = "InputTokenCount", SkuMeter = "Tokens",
            Variants = [("Claude Sonnet input", 0.003m), ("Claude Haiku input", 0.0008m)],
            PricingUnit = "1K Tokens", QuantityPerDay = 9000, WeekendDrop = 0.5, Weight = 2, Teams = ["search", "checkout", "mobile", "ml"],
            ResourceId = c => Arn("bedrock", c, "inference-profile/" + c.Name),
        },
        new()
        {
            Provider = Aws, ServiceName = "Amazon Simple Queue Service", Category = "Integration", Subcategory = "Messaging",
            ResourceType = "Queue", ServiceCode = "AWSQueueService", Stem = "queue", UsageType = "Requests-Tier1", SkuMeter = "Requests",
            Variants = [("Standard", 0.0000004m)],
            PricingUnit = "Requests", QuantityPerDay = 20000000, WeekendDrop = 0.35, Weight = 2,
            ResourceId = c => Arn("sqs", c, c.Name),
        },
        new()
        {
            Provider = Aws, ServiceName = "Amazon Kinesis", Category = "Analytics", Subcategory = "Streaming Analytics",
            ResourceType = "Stream", ServiceCode = "AmazonKinesis", Stem = "stream", UsageType = "Storage-ShardHour", SkuMeter = "Shard",
            Variants = [("Provisioned shard", 0.015m)],
            PricingUnit = "Hours", QuantityPerDay = 960, WeekendDrop = 0, Weight = 2, Teams = ["data", "growth", "mobile"],
            ResourceId = c => Arn("kinesis", c, "stream/" + c.Name),
        },
        new()
        {
            Provider = Aws, ServiceName = "AWS Glue", Category = "Analytics", Subcategory = "Data Processing",
            ResourceType = "Job", ServiceCode = "AWSGlue", Stem = "etl", UsageType = "ETL-DPU-Hour", SkuMeter = "DPU",
            Variants = [("ETL job", 0.44m)],
            PricingUnit = "DPU-Hours", QuantityPerDay = 60, WeekendDrop = 0.2, Weight = 3, Teams = ["data"],
            ResourceId = c => Arn("glue", c, "job/" + c.Name),
        },
        new()
        {
            Provider = Aws, ServiceName = "AmazonCloudWatch", Category = "Management and Governance", Subcategory = "Observability",
            ResourceType = "Log Group", ServiceCode = "AmazonCloudWatch", Stem = "logs", UsageType = "DataProcessing-Bytes", SkuMeter = "Log Ingestion",
            Variants = [("Logs ingestion", 0.50m)],
            PricingUnit = "GB", QuantityPerDay = 14, WeekendDrop = 0.25, Weight = 3,
            ResourceId = c => Arn("logs", c, "log-group:/aws/app/" + c.Name),
        },
        new()
        {
            Provider = Aws, ServiceName = "Amazon Cognito", Category = "Identity", Subcategory = "Identity and Access Management",
            ResourceType = "User Pool", ServiceCode = "AmazonCognito", Stem = "users", UsageType = "CognitoUserPoolsMAU", SkuMeter = "Monthly Active Users",
            Variants = [("User pools MAU", 0.0055m)],
            PricingUnit = "MAU", QuantityPerDay = 6000, WeekendDrop = 0.1, Weight = 3, Teams = ["identity"],
            ResourceId = c => Arn("cognito-idp", c, "userpool/" + c.RegionId + "_" + DemoHash.Hex(c.Hash, 9)),
        },
        new()
        {
            Provider = Aws, ServiceName = "Amazon Pinpoint", Category = "Mobile", Subcategory = "Other (Mobile)",
            ResourceType = "Application", ServiceCode = "AmazonPinpoint", Stem = "push", UsageType = "PushNotifications", SkuMeter = "Messages",
            Variants = [("Push notifications", 0.000001m)],
            PricingUnit = "Messages", QuantityPerDay = 9000000, WeekendDrop = 0.1, Weight = 3, Teams = ["mobile", "growth"],
            ResourceId = c => Arn("mobiletargeting", c, "apps/" + DemoHash.Hex(c.Hash, 32)),
        },
        new()
        {
            Provider = Aws, ServiceName = "AWS CodeBuild", Category = "Developer Tools", Subcategory = "Continuous Integration and Deployment",
            ResourceType = "Project", ServiceCode = "CodeBuild", Stem = "ci", UsageType = "Build-Min:Linux:g1.medium", SkuMeter = "Build Minutes",
            Variants = [("general1.medium", 0.01m), ("general1.large", 0.02m)],
            PricingUnit = "Minutes", QuantityPerDay = 900, WeekendDrop = 0.85, Weight = 2,
            ResourceId = c => Arn("codebuild", c, "project/" + c.Name),
        },
        new()
        {
            Provider = Aws, ServiceName = "Elastic Load Balancing", Category = "Networking", Subcategory = "Application Networking",
            ResourceType = "Load Balancer", ServiceCode = "AWSELB", Stem = "alb", UsageType = "LoadBalancerUsage", SkuMeter = "Load Balancer",
            Variants = [("Application Load Balancer", 0.0225m)],
            PricingUnit = "Hours", QuantityPerDay = 24, WeekendDrop = 0, Weight = 2,
            ResourceId = c => Arn("elasticloadbalancing", c, $"loadbalancer/app/{c.Name}/{DemoHash.Hex(c.Hash, 16)}"),
        },
        new()
        {
            Provider = Aws, ServiceName = "AWS Data Transfer", Category = "Networking", Subcategory = "Network Connectivity",
            ResourceType = "Bucket", ServiceCode = "AWSDataTransfer", Stem = "egress", UsageType = "DataTransfer-Out-Bytes", SkuMeter = "Data Transfer",
            Variants = [("Data Transfer Out to Internet", 0.09m), ("Inter-Region Data Transfer Out", 0.02m)],
            PricingUnit = "GB", QuantityPerDay = 220, WeekendDrop = 0.2, Weight = 2,
            ResourceId = c => "arn:aws:s3:::acme-" + c.Name,
        },
        new()
        {
            Provider = Aws, ServiceName = "AWS Key Management Service", Category = "Security", Subcategory = "Secret Management",
            ResourceType = "Key", ServiceCode = "awskms", Stem = "kms", UsageType = "KMS-Requests", SkuMeter = "Requests",
            Variants = [("Requests", 0.000003m)],
            PricingUnit = "Requests", QuantityPerDay = 600000, WeekendDrop = 0.3, Weight = 1,
            ResourceId = c => Arn("kms", c, "key/" + DemoHash.Guid(c.Hash).ToString()),
        },
        new()
        {
            Provider = Aws, ServiceName = "Amazon Virtual Private Cloud", Category = "Networking", Subcategory = "Network Connectivity",
            ResourceType = "NAT Gateway", ServiceCode = "AmazonVPC", Stem = "nat", UsageType = "NatGateway-Bytes", SkuMeter = "Data Processed",
            Variants = [("NAT Gateway data processed", 0.045m)],
            PricingUnit = "GB", QuantityPerDay = 900, WeekendDrop = 0.25, Weight = 5, SharedOnly = true,
            ResourceId = c => Arn("ec2", c, "natgateway/nat-0" + DemoHash.Hex(c.Hash, 16)),
        },
        new()
        {
            Provider = Aws, ServiceName = "AWS Transit Gateway", Category = "Networking", Subcategory = "Network Routing",
            ResourceType = "Transit Gateway Attachment", ServiceCode = "AWSTransitGateway", Stem = "tgw", UsageType = "TransitGateway-Hours", SkuMeter = "Attachment",
            Variants = [("Attachment hours", 0.05m)],
            PricingUnit = "Hours", QuantityPerDay = 240, WeekendDrop = 0, Weight = 3, SharedOnly = true,
            ResourceId = c => Arn("ec2", c, "transit-gateway-attachment/tgw-attach-0" + DemoHash.Hex(c.Hash, 16)),
        },
        new()
        {
            Provider = Aws, ServiceName = "Amazon Route 53", Category = "Networking", Subcategory = "Network Routing",
            ResourceType = "Hosted Zone", ServiceCode = "AmazonRoute53", Stem = "dns", UsageType = "DNS-Queries", SkuMeter = "Queries",
            Variants = [("Standard queries", 0.0000004m)],
            PricingUnit = "Queries", QuantityPerDay = 40000000, WeekendDrop = 0.15, Weight = 2, SharedOnly = true, Global = true,
            ResourceId = c => "arn:aws:route53:::hostedzone/Z" + DemoHash.Hex(c.Hash, 13).ToUpperInvariant(),
        },
        new()
        {
            Provider = Aws, ServiceName = "Amazon GuardDuty", Category = "Security", Subcategory = "Threat Detection and Response",
            ResourceType = "Detector", ServiceCode = "AmazonGuardDuty", Stem = "guardduty", UsageType = "PaidEventsAnalyzed", SkuMeter = "Events",
            Variants = [("CloudTrail events analyzed", 0.000004m)],
            PricingUnit = "Events", QuantityPerDay = 9000000, WeekendDrop = 0.2, Weight = 2, SharedOnly = true,
            ResourceId = c => Arn("guardduty", c, "detector/" + DemoHash.Hex(c.Hash, 32)),
        },

        // ---------------- Microsoft Azure ----------------
        new()
        {
            Provider = Azure, ServiceName = "Azure Virtual Machines", Category = "Compute", Subcategory = "Virtual Machines",
            ResourceType = "Virtual machine", ServiceCode = "Microsoft.Compute", Stem = "vm", UsageType = "Compute Hour", SkuMeter = "Compute Hour",
            Variants = [("D8s v5", 0.384m), ("D16s v5", 0.768m), ("E16s v5", 1.008m)],
            PricingUnit = "Hours", QuantityPerDay = 24, WeekendDrop = 0.3, Weight = 14, CommitmentEligible = true, Zonal = true,
            ResourceId = c => AzureId(c, "Microsoft.Compute/virtualMachines"),
        },
        new()
        {
            Provider = Azure, ServiceName = "Azure Kubernetes Service", Category = "Compute", Subcategory = "Containers",
            ResourceType = "Kubernetes service", ServiceCode = "Microsoft.ContainerService", Stem = "aks", UsageType = "Standard Uptime SLA", SkuMeter = "Cluster Hour",
            Variants = [("Standard", 0.10m)],
            PricingUnit = "Hours", QuantityPerDay = 24, WeekendDrop = 0, Weight = 1.5,
            ResourceId = c => AzureId(c, "Microsoft.ContainerService/managedClusters"),
        },
        new()
        {
            Provider = Azure, ServiceName = "Azure SQL Database", Category = "Databases", Subcategory = "Relational Databases",
            ResourceType = "SQL database", ServiceCode = "Microsoft.Sql", Stem = "sqldb", UsageType = "vCore", SkuMeter = "vCore Hour",
            Variants = [("General Purpose Gen5", 0.2516m), ("Business Critical Gen5", 0.6766m)],
            PricingUnit = "Hours", QuantityPerDay = 96, WeekendDrop = 0, Weight = 4,
            ResourceId = c => AzureId(c, "Microsoft.Sql/servers/sql-" + c.Name + "/databases"),
        },
        new()
        {
            Provider = Azure, ServiceName = "Storage Accounts", Category = "Storage", Subcategory = "Object Storage",
            ResourceType = "Storage account", ServiceCode = "Microsoft.Storage", Stem = "st", UsageType = "Hot LRS Data Stored", SkuMeter = "Data Stored",
            Variants = [("Hot LRS", 0.0208m), ("Cool LRS", 0.0152m)],
            PricingUnit = "GB-Month", QuantityPerDay = 700, WeekendDrop = 0.01, Weight = 5,
            ResourceId = c => AzureId(c, "Microsoft.Storage/storageAccounts"),
        },
        new()
        {
            Provider = Azure, ServiceName = "Azure Cosmos DB", Category = "Databases", Subcategory = "NoSQL Databases",
            ResourceType = "Azure Cosmos DB account", ServiceCode = "Microsoft.DocumentDB", Stem = "cosmos", UsageType = "100 RU/s", SkuMeter = "100 RU/s Hour",
            Variants = [("Provisioned throughput", 0.008m)],
            PricingUnit = "Hours", QuantityPerDay = 1400, WeekendDrop = 0.1, Weight = 2,
            ResourceId = c => AzureId(c, "Microsoft.DocumentDB/databaseAccounts"),
        },
        new()
        {
            Provider = Azure, ServiceName = "Azure Cache for Redis", Category = "Databases", Subcategory = "Caching",
            ResourceType = "Azure Cache for Redis", ServiceCode = "Microsoft.Cache", Stem = "redis", UsageType = "C2 Cache Instance", SkuMeter = "Cache Instance Hour",
            Variants = [("Standard C2", 0.21m)],
            PricingUnit = "Hours", QuantityPerDay = 24, WeekendDrop = 0, Weight = 1.5,
            ResourceId = c => AzureId(c, "Microsoft.Cache/Redis"),
        },
        new()
        {
            Provider = Azure, ServiceName = "Azure Front Door", Category = "Networking", Subcategory = "Content Delivery",
            ResourceType = "Front Door profile", ServiceCode = "Microsoft.Cdn", Stem = "afd", UsageType = "Data Transfer Out", SkuMeter = "Data Transfer",
            Variants = [("Standard data transfer out", 0.083m)],
            PricingUnit = "GB", QuantityPerDay = 150, WeekendDrop = 0.2, Weight = 1.5, Global = true,
            ResourceId = c => AzureId(c, "Microsoft.Cdn/profiles"),
        },
        new()
        {
            Provider = Azure, ServiceName = "Azure Monitor", Category = "Management and Governance", Subcategory = "Observability",
            ResourceType = "Log Analytics workspace", ServiceCode = "Microsoft.OperationalInsights", Stem = "log", UsageType = "Analytics Logs Data Ingestion", SkuMeter = "Data Ingestion",
            Variants = [("Pay-as-you-go ingestion", 2.30m)],
            PricingUnit = "GB", QuantityPerDay = 6, WeekendDrop = 0.2, Weight = 2,
            ResourceId = c => AzureId(c, "Microsoft.OperationalInsights/workspaces"),
        },
        new()
        {
            Provider = Azure, ServiceName = "Key Vault", Category = "Security", Subcategory = "Secret Management",
            ResourceType = "Key vault", ServiceCode = "Microsoft.KeyVault", Stem = "kv", UsageType = "Operations", SkuMeter = "Operations",
            Variants = [("Standard operations", 0.000003m)],
            PricingUnit = "Operations", QuantityPerDay = 900000, WeekendDrop = 0.3, Weight = 1,
            ResourceId = c => AzureId(c, "Microsoft.KeyVault/vaults"),
        },
        new()
        {
            Provider = Azure, ServiceName = "Microsoft Entra ID", Category = "Identity", Subcategory = "Identity and Access Management",
            ResourceType = "External identities tenant", ServiceCode = "Microsoft.AzureActiveDirectory", Stem = "ciam", UsageType = "Monthly Active Users", SkuMeter = "Monthly Active Users",
            Variants = [("External ID P1 MAU", 0.03m)],
            PricingUnit = "MAU", QuantityPerDay = 1800, WeekendDrop = 0.1, Weight = 3, Teams = ["identity"],
            ResourceId = c => AzureId(c, "Microsoft.AzureActiveDirectory/ciamDirectories"),
        },
        new()
        {
            Provider = Azure, ServiceName = "Azure AI Search", Category = "Analytics", Subcategory = "Search",
            ResourceType = "Search service", ServiceCode = "Microsoft.Search", Stem = "srch", UsageType = "Standard S1 Unit", SkuMeter = "Search Unit Hour",
            Variants = [("Standard S1", 0.336m), ("Standard S2", 1.344m)],
            PricingUnit = "Hours", QuantityPerDay = 72, WeekendDrop = 0, Weight = 4, Teams = ["search"],
            ResourceId = c => AzureId(c, "Microsoft.Search/searchServices"),
        },
        new()
        {
            Provider = Azure, ServiceName = "Azure OpenAI", Category = "AI and Machine Learning", Subcategory = "Generative AI",
            ResourceType = "Azure OpenAI", ServiceCode = "Microsoft.CognitiveServices", Stem = "oai", UsageType = "gpt-4o Input Tokens", SkuMeter = "1K Tokens",
            Variants = [("gpt-4o input", 0.0025m), ("gpt-4o-mini input", 0.00015m)],
            PricingUnit = "1K Tokens", QuantityPerDay = 12000, WeekendDrop = 0.45, Weight = 2, Teams = ["search", "growth", "identity"],
            ResourceId = c => AzureId(c, "Microsoft.CognitiveServices/accounts"),
        },
        new()
        {
            Provider = Azure, ServiceName = "Azure App Service", Category = "Web", Subcategory = "Application Platforms",
            ResourceType = "App Service plan", ServiceCode = "Microsoft.Web", Stem = "plan", UsageType = "P1 v3 App", SkuMeter = "Instance Hour",
            Variants = [("Premium P1 v3", 0.225m), ("Premium P2 v3", 0.45m)],
            PricingUnit = "Hours", QuantityPerDay = 48, WeekendDrop = 0.15, Weight = 3, Teams = ["growth", "identity", "search"],
            ResourceId = c => AzureId(c, "Microsoft.Web/serverfarms"),
        },
        new()
        {
            Provider = Azure, ServiceName = "Azure Firewall", Category = "Networking", Subcategory = "Network Security",
            ResourceType = "Firewall", ServiceCode = "Microsoft.Network", Stem = "afw", UsageType = "Standard Deployment", SkuMeter = "Deployment Hour",
            Variants = [("Standard deployment", 1.25m)],
            PricingUnit = "Hours", QuantityPerDay = 24, WeekendDrop = 0, Weight = 2, SharedOnly = true,
            ResourceId = c => AzureId(c, "Microsoft.Network/azureFirewalls"),
        },
        new()
        {
            Provider = Azure, ServiceName = "Virtual Network", Category = "Networking", Subcategory = "Network Connectivity",
            ResourceType = "Virtual network", ServiceCode = "Microsoft.Network", Stem = "vnet", UsageType = "Intra-Region Ingress", SkuMeter = "Peering Data",
            Variants = [("VNet peering", 0.01m)],
            PricingUnit = "GB", QuantityPerDay = 9000, WeekendDrop = 0.25, Weight = 2, SharedOnly = true,
            ResourceId = c => AzureId(c, "Microsoft.Network/virtualNetworks"),
        },

        // ---------------- Google Cloud ----------------
        new()
        {
            Provider = Gcp, ServiceName = "Compute Engine", Category = "Compute", Subcategory = "Virtual Machines",
            ResourceType = "Instance", ServiceCode = "6F81-5844-456A", Stem = "vm", UsageType = "Core", SkuMeter = "Instance Core",
            Variants = [("n2-standard-8", 0.388472m), ("n2-standard-16", 0.776944m), ("n2-highmem-16", 1.047968m)],
            PricingUnit = "Hours", QuantityPerDay = 24, WeekendDrop = 0.3, Weight = 14, Zonal = true,
            ResourceId = c => $"//compute.googleapis.com/projects/{c.SubAccountId}/zones/{c.Zone}/instances/{c.Name}",
        },
        new()
        {
            Provider = Gcp, ServiceName = "Google Kubernetes Engine", Category = "Compute", Subcategory = "Containers",
            ResourceType = "Cluster", ServiceCode = "CCD8-9BF1-090E", Stem = "gke", UsageType = "Cluster Management Fee", SkuMeter = "Cluster",
            Variants = [("Regional cluster management fee", 0.10m)],
            PricingUnit = "Hours", QuantityPerDay = 24, WeekendDrop = 0, Weight = 1.5,
            ResourceId = c => $"//container.googleapis.com/projects/{c.SubAccountId}/locations/{c.RegionId}/clusters/{c.Name}",
        },
        new()
        {
            Provider = Gcp, ServiceName = "Cloud Storage", Category = "Storage", Subcategory = "Object Storage",
            ResourceType = "Bucket", ServiceCode = "95FF-2EF5-5EA1", Stem = "gcs", UsageType = "Standard Storage", SkuMeter = "Storage",
            Variants = [("Standard Storage", 0.020m), ("Nearline Storage", 0.010m)],
            PricingUnit = "GiB-Month", QuantityPerDay = 1500, WeekendDrop = 0.01, Weight = 5,
            ResourceId = c => "//storage.googleapis.com/projects/_/buckets/" + c.Name,
        },
        new()
        {
            Provider = Gcp, ServiceName = "BigQuery", Category = "Databases", Subcategory = "Data Warehouses",
            ResourceType = "Dataset", ServiceCode = "24E6-581D-38E5", Stem = "bq", UsageType = "Analysis", SkuMeter = "Analysis",
            Variants = [("On-demand analysis", 6.25m)],
            PricingUnit = "TiB", QuantityPerDay = 7, WeekendDrop = 0.5, Weight = 5, Teams = ["data", "ml"],
            ResourceId = c => $"//bigquery.googleapis.com/projects/{c.SubAccountId}/datasets/{c.Name.Replace('-', '_')}",
        },
        new()
        {
            Provider = Gcp, ServiceName = "Vertex AI", Category = "AI and Machine Learning", Subcategory = "AI Platforms",
            ResourceType = "Endpoint", ServiceCode = "C7E2-9256-1C43", Stem = "vertex", UsageType = "Online Prediction", SkuMeter = "Node Hour",
            Variants = [("n1-standard-8 + T4 prediction", 1.1m), ("a2-highgpu-1g prediction", 4.2m)],
            PricingUnit = "Hours", QuantityPerDay = 24, WeekendDrop = 0.15, Weight = 5, Teams = ["ml"],
            ResourceId = c => $"//aiplatform.googleapis.com/projects/{c.SubAccountId}/locations/{c.RegionId}/endpoints/{((c.Hash >> 8) % 9000000000000000000UL).ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        },
        new()
        {
            Provider = Gcp, ServiceName = "Cloud SQL", Category = "Databases", Subcategory = "Relational Databases",
            ResourceType = "Instance", ServiceCode = "9662-B51E-5089", Stem = "sql", UsageType = "vCPU", SkuMeter = "vCPU Hour",
            Variants = [("Enterprise vCPU", 0.0413m)],
            PricingUnit = "Hours", QuantityPerDay = 192, WeekendDrop = 0, Weight = 3,
            ResourceId = c => $"//cloudsql.googleapis.com/projects/{c.SubAccountId}/instances/{c.Name}",
        },
        new()
        {
            Provider = Gcp, ServiceName = "Cloud Run", Category = "Compute", Subcategory = "Serverless Compute",
            ResourceType = "Service", ServiceCode = "152E-C115-5142", Stem = "run", UsageType = "CPU Allocation Time", SkuMeter = "vCPU-second",
            Variants = [("CPU allocation time", 0.000024m)],
            PricingUnit = "vCPU-Seconds", QuantityPerDay = 500000, WeekendDrop = 0.4, Weight = 3,
            ResourceId = c => $"//run.googleapis.com/projects/{c.SubAccountId}/locations/{c.RegionId}/services/{c.Name}",
        },
        new()
        {
            Provider = Gcp, ServiceName = "Cloud Pub/Sub", Category = "Integration", Subcategory = "Messaging",
            ResourceType = "Topic", ServiceCode = "A1E8-BE35-7EBC", Stem = "topic", UsageType = "Message Delivery Basic", SkuMeter = "Throughput",
            Variants = [("Message delivery", 40m)],
            PricingUnit = "TiB", QuantityPerDay = 0.35, WeekendDrop = 0.3, Weight = 2,
            ResourceId = c => $"//pubsub.googleapis.com/projects/{c.SubAccountId}/topics/{c.Name}",
        },
        new()
        {
            Provider = Gcp, ServiceName = "Dataflow", Category = "Analytics", Subcategory = "Data Processing",
            ResourceType = "Job", ServiceCode = "9B3A-8B4F-C0E2", Stem = "pipeline", UsageType = "vCPU Time Batch", SkuMeter = "vCPU Hour",
            Variants = [("Batch vCPU", 0.056m)],
            PricingUnit = "Hours", QuantityPerDay = 700, WeekendDrop = 0.3, Weight = 4, Teams = ["data", "ml"],
            ResourceId = c => $"//dataflow.googleapis.com/projects/{c.SubAccountId}/locations/{c.RegionId}/jobs/{c.Name}",
        },
        new()
        {
            Provider = Gcp, ServiceName = "Cloud Logging", Category = "Management and Governance", Subcategory = "Observability",
            ResourceType = "Log bucket", ServiceCode = "5490-F7B7-8DF6", Stem = "logs", UsageType = "Log Storage", SkuMeter = "Log Volume",
            Variants = [("Log storage", 0.50m)],
            PricingUnit = "GiB", QuantityPerDay = 10, WeekendDrop = 0.25, Weight = 2,
            ResourceId = c => $"//logging.googleapis.com/projects/{c.SubAccountId}/locations/global/buckets/{c.Name}",
        },
        new()
        {
            Provider = Gcp, ServiceName = "Cloud CDN", Category = "Networking", Subcategory = "Content Delivery",
            ResourceType = "Backend bucket", ServiceCode = "E505-1604-58F8", Stem = "cdn", UsageType = "Cache Egress", SkuMeter = "Egress",
            Variants = [("Cache egress North America", 0.08m)],
            PricingUnit = "GiB", QuantityPerDay = 250, WeekendDrop = 0.1, Weight = 2, Global = true, Teams = ["mobile"],
            ResourceId = c => $"//compute.googleapis.com/projects/{c.SubAccountId}/global/backendBuckets/{c.Name}",
        },
        new()
        {
            Provider = Gcp, ServiceName = "Cloud Build", Category = "Developer Tools", Subcategory = "Continuous Integration and Deployment",
            ResourceType = "Build trigger", ServiceCode = "F17B-412E-CB64", Stem = "build", UsageType = "Build time", SkuMeter = "Build Minutes",
            Variants = [("e2-standard-2 build minutes", 0.006m)],
            PricingUnit = "Minutes", QuantityPerDay = 1200, WeekendDrop = 0.85, Weight = 1,
            ResourceId = c => $"//cloudbuild.googleapis.com/projects/{c.SubAccountId}/locations/{c.RegionId}/triggers/{c.Name}",
        },

        // ---------------- Oracle Cloud ----------------
        new()
        {
            Provider = Oracle, ServiceName = "OCI Compute", Category = "Compute", Subcategory = "Virtual Machines",
            ResourceType = "Instance", ServiceCode = "COMPUTE", Stem = "vm", UsageType = "OCPU Per Hour", SkuMeter = "OCPU Hour",
            Variants = [("VM.Standard.E4.Flex OCPU", 0.025m)],
            PricingUnit = "Hours", QuantityPerDay = 192, WeekendDrop = 0, Weight = 4, Zonal = true,
            ResourceId = c => $"ocid1.instance.oc1.iad.{DemoHash.Hex(c.Hash, 32)}{DemoHash.Hex(DemoHash.Mix(c.Hash), 28)}",
        },
        new()
        {
            Provider = Oracle, ServiceName = "OCI Autonomous Database", Category = "Databases", Subcategory = "Relational Databases",
            ResourceType = "Autonomous Database", ServiceCode = "DATABASE", Stem = "adb", UsageType = "ECPU Per Hour", SkuMeter = "ECPU Hour",
            Variants = [("Autonomous Transaction Processing ECPU", 0.336m)],
            PricingUnit = "Hours", QuantityPerDay = 96, WeekendDrop = 0, Weight = 2,
            ResourceId = c => $"ocid1.autonomousdatabase.oc1.iad.{DemoHash.Hex(c.Hash, 32)}{DemoHash.Hex(DemoHash.Mix(c.Hash), 28)}",
        },
        new()
        {
            Provider = Oracle, ServiceName = "OCI Object Storage", Category = "Storage", Subcategory = "Object Storage",
            ResourceType = "Bucket", ServiceCode = "OBJECT_STORAGE", Stem = "archive", UsageType = "Storage Per GB Month", SkuMeter = "Storage",
            Variants = [("Standard storage", 0.0255m)],
            PricingUnit = "GB-Month", QuantityPerDay = 2000, WeekendDrop = 0, Weight = 2,
            ResourceId = c => $"ocid1.bucket.oc1.iad.{DemoHash.Hex(c.Hash, 32)}",
        },
    ];
}
