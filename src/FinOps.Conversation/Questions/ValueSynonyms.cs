using FinOps.Core.Query;

namespace FinOps.Conversation.Questions;

/// <summary>Built-in names people use for values in the store: "EC2", "Azure", "GCP", "storage", "untagged".</summary>
/// <remarks>
/// Each synonym lists the spellings the value may have in the data, tried in order; a synonym whose target is
/// not in the store is dropped, so the parser never resolves a word to a value the data does not have.
/// </remarks>
internal static class ValueSynonyms
{
    public const string UnallocatedTeam = "Unallocated";

    private static readonly string[] VirtualMachineServices =
    [
        "Amazon Elastic Compute Cloud", "Amazon EC2", "Azure Virtual Machines", "Virtual Machines", "Compute Engine", "Google Compute Engine", "OCI Compute",
    ];

    private static readonly string[] KubernetesServices =
    [
        "Amazon Elastic Kubernetes Service", "Azure Kubernetes Service", "Google Kubernetes Engine", "Kubernetes Engine", "Container Engine for Kubernetes",
    ];

    public static readonly IReadOnlyList<(string Phrase, DimensionKind Kind, string[] Targets)> All =
    [
        ("ec2", DimensionKind.Service, ["Amazon Elastic Compute Cloud", "Amazon EC2", "EC2"]),
        ("s3", DimensionKind.Service, ["Amazon Simple Storage Service", "Amazon S3", "S3"]),
        ("rds", DimensionKind.Service, ["Amazon Relational Database Service", "Amazon RDS", "RDS"]),
        ("lambda", DimensionKind.Service, ["AWS Lambda", "Lambda"]),
        ("eks", DimensionKind.Service, ["Amazon Elastic Kubernetes Service", "Amazon EKS"]),
        ("dynamodb", DimensionKind.Service, ["Amazon DynamoDB"]),
        ("dynamo", DimensionKind.Service, ["Amazon DynamoDB"]),
        ("cloudfront", DimensionKind.Service, ["Amazon CloudFront"]),
        ("cloudwatch", DimensionKind.Service, ["AmazonCloudWatch", "Amazon CloudWatch"]),
        ("elasticache", DimensionKind.Service, ["Amazon ElastiCache"]),
        ("ebs", DimensionKind.Service, ["Amazon Elastic Block Store"]),
        ("azure vm", DimensionKind.Service, ["Azure Virtual Machines", "Virtual Machines"]),
        ("azure vms", DimensionKind.Service, ["Azure Virtual Machines", "Virtual Machines"]),
        ("azure virtual machine", DimensionKind.Service, ["Azure Virtual Machines", "Virtual Machines"]),
        ("azure open ai", DimensionKind.Service, ["Azure OpenAI"]),
        ("openai", DimensionKind.Service, ["Azure OpenAI"]),
        ("open ai", DimensionKind.Service, ["Azure OpenAI"]),
        ("sage maker", DimensionKind.Service, ["Amazon SageMaker"]),
        ("cloud watch", DimensionKind.Service, ["AmazonCloudWatch", "Amazon CloudWatch"]),
        ("sqs", DimensionKind.Service, ["Amazon Simple Queue Service", "Amazon SQS"]),
        ("sns", DimensionKind.Service, ["Amazon Simple Notification Service", "Amazon SNS"]),
        ("kms", DimensionKind.Service, ["AWS Key Management Service", "AWS KMS"]),
        ("vpc", DimensionKind.Service, ["Amazon Virtual Private Cloud", "Amazon VPC"]),
        ("elb", DimensionKind.Service, ["Elastic Load Balancing", "AWS Elastic Load Balancing"]),
        ("alb", DimensionKind.Service, ["Elastic Load Balancing", "AWS Elastic Load Balancing"]),
        ("load balancer", DimensionKind.Service, ["Elastic Load Balancing", "AWS Elastic Load Balancing"]),
        ("route53", DimensionKind.Service, ["Amazon Route 53"]),
        ("dns", DimensionKind.Service, ["Amazon Route 53", "Azure DNS", "Cloud DNS"]),
        ("pubsub", DimensionKind.Service, ["Cloud Pub/Sub", "Pub/Sub"]),
        ("pub sub", DimensionKind.Service, ["Cloud Pub/Sub", "Pub/Sub"]),
        ("azure redis", DimensionKind.Service, ["Azure Cache for Redis"]),
        ("entra", DimensionKind.Service, ["Microsoft Entra ID"]),
        ("azure ad", DimensionKind.Service, ["Microsoft Entra ID"]),
        ("adb", DimensionKind.Service, ["OCI Autonomous Database"]),
        ("aks", DimensionKind.Service, ["Azure Kubernetes Service"]),
        ("azure sql", DimensionKind.Service, ["Azure SQL Database", "SQL Database"]),
        ("blob storage", DimensionKind.Service, ["Storage", "Azure Blob Storage", "Storage Accounts"]),
        ("cosmos", DimensionKind.Service, ["Azure Cosmos DB"]),
        ("cosmosdb", DimensionKind.Service, ["Azure Cosmos DB"]),
        ("gce", DimensionKind.Service, ["Compute Engine", "Google Compute Engine"]),
        ("gke", DimensionKind.Service, ["Kubernetes Engine", "Google Kubernetes Engine"]),
        ("gcs", DimensionKind.Service, ["Cloud Storage", "Google Cloud Storage"]),
        ("big query", DimensionKind.Service, ["BigQuery"]),
        ("bq", DimensionKind.Service, ["BigQuery"]),
        ("cloud sql", DimensionKind.Service, ["Cloud SQL"]),
        ("oke", DimensionKind.Service, ["Container Engine for Kubernetes"]),
        ("aws", DimensionKind.Provider, ["AWS", "Amazon Web Services", "Amazon"]),
        ("amazon", DimensionKind.Provider, ["AWS", "Amazon Web Services", "Amazon"]),
        ("amazon web service", DimensionKind.Provider, ["AWS", "Amazon Web Services", "Amazon"]),
        ("azure", DimensionKind.Provider, ["Microsoft", "Microsoft Azure", "Azure"]),
        ("microsoft azure", DimensionKind.Provider, ["Microsoft", "Microsoft Azure", "Azure"]),
        ("microsoft", DimensionKind.Provider, ["Microsoft", "Microsoft Azure", "Azure"]),
        ("gcp", DimensionKind.Provider, ["Google", "Google Cloud", "Google Cloud Platform", "GCP"]),
        ("google cloud", DimensionKind.Provider, ["Google", "Google Cloud", "Google Cloud Platform", "GCP"]),
        ("google cloud platform", DimensionKind.Provider, ["Google", "Google Cloud", "Google Cloud Platform", "GCP"]),
        ("google", DimensionKind.Provider, ["Google", "Google Cloud", "Google Cloud Platform", "GCP"]),
        ("oci", DimensionKind.Provider, ["Oracle", "Oracle Cloud Infrastructure", "OCI"]),
        ("oracle cloud", DimensionKind.Provider, ["Oracle", "Oracle Cloud Infrastructure", "OCI"]),
        ("oracle", DimensionKind.Provider, ["Oracle", "Oracle Cloud Infrastructure", "OCI"]),
        ("storage", DimensionKind.Category, ["Storage"]),
        ("compute", DimensionKind.Category, ["Compute"]),
        ("database", DimensionKind.Category, ["Databases", "Database"]),
        ("db", DimensionKind.Category, ["Databases", "Database"]),
        ("networking", DimensionKind.Category, ["Networking", "Network"]),
        ("network", DimensionKind.Category, ["Networking", "Network"]),
        ("analytic", DimensionKind.Category, ["Analytics"]),
        ("machine learning", DimensionKind.Category, ["AI and Machine Learning", "Machine Learning"]),
        ("ai", DimensionKind.Category, ["AI and Machine Learning", "Machine Learning"]),
        ("untagged", DimensionKind.Team, [UnallocatedTeam]),
        ("unallocated", DimensionKind.Team, [UnallocatedTeam]),
        ("unassigned", DimensionKind.Team, [UnallocatedTeam]),
        ("unowned", DimensionKind.Team, [UnallocatedTeam]),
        ("no team", DimensionKind.Team, [UnallocatedTeam]),
        ("without a team", DimensionKind.Team, [UnallocatedTeam]),
        ("without team", DimensionKind.Team, [UnallocatedTeam]),
        ("not allocated", DimensionKind.Team, [UnallocatedTeam]),
        ("missing tag", DimensionKind.Team, [UnallocatedTeam]),
        ("prod", DimensionKind.Environment, ["production", "prod"]),
        ("production", DimensionKind.Environment, ["prod", "production"]),
        ("dev", DimensionKind.Environment, ["development", "dev"]),
        ("development", DimensionKind.Environment, ["dev", "development"]),
        ("stage", DimensionKind.Environment, ["staging", "stage"]),
        ("staging", DimensionKind.Environment, ["stage", "staging"]),
        ("test", DimensionKind.Environment, ["test", "testing", "qa"]),
    ];

    /// <summary>Generic names that fit one service of each provider ("VMs", "k8s"): every such service in the store is a candidate, so the parser asks back.</summary>
    public static readonly IReadOnlyList<(string Phrase, DimensionKind Kind, string[] Targets)> Generic =
    [
        ("vm", DimensionKind.Service, VirtualMachineServices),
        ("vms", DimensionKind.Service, VirtualMachineServices),
        ("virtual machine", DimensionKind.Service, VirtualMachineServices),
        ("k8s", DimensionKind.Service, KubernetesServices),
        ("kubernetes", DimensionKind.Service, KubernetesServices),
        ("cdn", DimensionKind.Service, ["Amazon CloudFront", "Cloud CDN", "Azure Front Door", "Azure CDN"]),
        ("serverless", DimensionKind.Service, ["AWS Lambda", "Cloud Run", "Cloud Functions", "Azure Functions", "OCI Functions"]),
        ("nosql", DimensionKind.Service, ["Amazon DynamoDB", "Azure Cosmos DB", "Cloud Firestore", "Cloud Bigtable"]),
        ("monitoring", DimensionKind.Service, ["AmazonCloudWatch", "Amazon CloudWatch", "Azure Monitor", "Cloud Monitoring", "Cloud Logging"]),
        ("ci", DimensionKind.Service, ["AWS CodeBuild", "Cloud Build", "Azure DevOps"]),
        ("data warehouse", DimensionKind.Service, ["BigQuery", "Amazon Redshift", "Azure Synapse Analytics"]),
        ("message queue", DimensionKind.Service, ["Amazon Simple Queue Service", "Cloud Pub/Sub", "Azure Service Bus"]),
    ];

    /// <summary>Vendor words dropped from service names to make shorter aliases ("Amazon Elastic Compute Cloud" -> "Elastic Compute Cloud").</summary>
    public static readonly IReadOnlySet<string> VendorPrefixes = new HashSet<string>(StringComparer.Ordinal)
    {
        "amazon", "aws", "azure", "microsoft", "google", "oracle", "oci",
    };
}
