using FinOps.Conversation.Questions;
using FinOps.Core.Query;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>The values of the demo data set, as the store would list them.</summary>
public static class DemoCatalog
{
    public static readonly DateOnly AsOf = new(2026, 11, 23);

    public static IReadOnlyDictionary<Dimension, IReadOnlyList<string>> Values { get; } = new Dictionary<Dimension, IReadOnlyList<string>>
    {
        [Dimension.Team] = ["payments", "checkout", "search", "platform", "data", "ml", "identity", "mobile", "growth", "Unallocated"],
        [Dimension.Service] =
        [
            "Amazon Elastic Compute Cloud", "Amazon Simple Storage Service", "Amazon Relational Database Service", "AWS Lambda",
            "Amazon CloudFront", "Amazon DynamoDB", "Virtual Machines", "Azure Kubernetes Service", "Azure SQL Database",
            "Compute Engine", "BigQuery", "Cloud Storage", "OCI Compute", "Object Storage",
        ],
        [Dimension.Category] = ["Compute", "Storage", "Databases", "Networking", "Analytics", "AI and Machine Learning"],
        [Dimension.Provider] = ["AWS", "Microsoft", "Google", "Oracle"],
        [Dimension.Region] = ["us-east-1", "eu-west-1", "eastus", "westeurope", "us-central1", "europe-west1", "us-ashburn-1"],
        [Dimension.Account] = ["payments-prod", "checkout-prod", "shared-platform", "data-lake", "ml-training", "sandbox"],
        [Dimension.Environment] = ["production", "staging", "development"],
        [Dimension.Tag("application")] = ["web-store", "search-api", "ledger"],
    };

    public static ValueCatalog Catalog { get; } = new(Values);
}
