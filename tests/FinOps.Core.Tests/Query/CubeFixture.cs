using FinOps.Core.Query;

namespace FinOps.Core.Tests.Query;

/// <summary>A small hand-written cube whose expected answers are worked out in the tests.</summary>
internal static class CubeFixture
{
    public static CostCube Build()
    {
        var b = new CostCubeBuilder();
        Add(b, "2026-01-05", "AWS", "EC2", "Compute", "us-east-1", "prod-acct", "Acme", "i-1", new() { ["team"] = "Payments", ["env"] = "Prod" }, "USD", effective: 10.00m, billed: 12.00m);
        Add(b, "2026-01-06", "AWS", "S3", "Storage", "us-east-1", "prod-acct", "Acme", "bucket-a", new() { [" Team"] = "payments " }, "USD", 5.50m, 5.50m);
        Add(b, "2026-01-12", "Azure", "VM", "Compute", "westeurope", "sub-1", "Contoso", "vm-1", new() { ["team"] = "search", ["environment"] = "dev" }, "USD", 20m, 20m);
        Add(b, "2026-01-12", "AWS", "EC2", "Compute", "us-east-1", "dev-acct", "Acme", "i-2", [], "USD", 3.25m, 3.25m);
        Add(b, "2026-01-20", "GCP", "BigQuery", "Analytics", "us", "proj", "Initech", "bq", new() { ["team"] = "data" }, "EUR", 7m, 7m);
        Add(b, "2026-02-02", "AWS", "EC2", "Compute", "us-east-1", "prod-acct", "Acme", "i-1", new() { ["team"] = "payments" }, "USD", 100m, 100m);
        Add(b, "2025-12-15", "AWS", "EC2", "Compute", "us-east-1", "prod-acct", "Acme", "i-1", new() { ["team"] = "payments" }, "USD", 8m, 8m);
        Add(b, "2025-12-16", "Azure", "VM", "Compute", "westeurope", "sub-1", "Contoso", "vm-1", new() { ["team"] = "search" }, "USD", 4m, 4m);
        return b.Build();
    }

    public static DateRange January => new(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1));

    public static DateRange December => new(new DateOnly(2025, 12, 1), new DateOnly(2026, 1, 1));

    private static void Add(
        CostCubeBuilder b,
        string date,
        string provider,
        string service,
        string category,
        string region,
        string account,
        string billingAccount,
        string resource,
        Dictionary<string, string> tags,
        string currency,
        decimal effective,
        decimal billed)
    {
        b.Add(new CostCubeFact(
            DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
            b.AddCurrency(currency),
            b.AddTagSet(tags),
            b.AddValue(DimensionKind.Provider, provider),
            b.AddValue(DimensionKind.Service, service),
            b.AddValue(DimensionKind.Category, category),
            b.AddValue(DimensionKind.Region, region),
            b.AddValue(DimensionKind.Account, account),
            b.AddValue(DimensionKind.BillingAccount, billingAccount),
            b.AddValue(DimensionKind.Resource, resource),
            b.AddValue(DimensionKind.ChargeCategory, "Usage"),
            b.AddValue(DimensionKind.PricingCategory, "Standard"),
            billed,
            effective,
            billed * 1.1m,
            billed));
    }
}
