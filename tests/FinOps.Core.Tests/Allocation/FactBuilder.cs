using System.Globalization;
using FinOps.Core.Query;

namespace FinOps.Core.Tests.Allocation;

/// <summary>Builds small cubes fact by fact with readable defaults.</summary>
internal sealed class FactBuilder
{
    private readonly CostCubeBuilder _builder = new();

    public FactBuilder Add(
        string date,
        decimal effective,
        Dictionary<string, string>? tags = null,
        string account = "acct",
        string service = "EC2",
        string resource = "r",
        string provider = "AWS",
        string billingAccount = "Acme",
        string currency = "USD",
        string category = "Compute",
        string? status = null,
        decimal? billed = null)
    {
        var b = _builder;
        b.Add(new CostCubeFact(
            DateOnly.Parse(date, CultureInfo.InvariantCulture),
            b.AddCurrency(currency),
            b.AddTagSet(tags ?? []),
            b.AddValue(DimensionKind.Provider, provider),
            b.AddValue(DimensionKind.Service, service),
            b.AddValue(DimensionKind.Category, category),
            b.AddValue(DimensionKind.Region, "us-east-1"),
            b.AddValue(DimensionKind.Account, account),
            b.AddValue(DimensionKind.BillingAccount, billingAccount),
            b.AddValue(DimensionKind.Resource, resource),
            b.AddValue(DimensionKind.ChargeCategory, "Usage"),
            b.AddValue(DimensionKind.PricingCategory, "Standard"),
            billed ?? effective,
            effective,
            billed ?? effective,
            effective)
        {
            CommitmentDiscountStatus = b.AddCommitmentDiscountStatus(status),
        });
        return this;
    }

    public CostCube Build() => _builder.Build();

    public static Dictionary<string, string> Tag(string key, string value) => new() { [key] = value };
}
