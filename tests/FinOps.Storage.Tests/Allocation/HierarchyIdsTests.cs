using FinOps.Core.Allocation;
using FinOps.Core.Query;
using static FinOps.Storage.Tests.FakeFocusFileReader;

namespace FinOps.Storage.Tests.Allocation;

/// <summary>Hierarchy rules may name ids (billing account id, resource id, resource group) although breakdowns show names.</summary>
public sealed class HierarchyIdsTests : IDisposable
{
    private static readonly DateRange January = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1));
    private readonly FakeFocusFileReader _reader = new();
    private readonly AllocationHost _host;

    public HierarchyIdsTests()
    {
        _host = new AllocationHost(_reader);
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Teams_RulesNamingIds_MatchNamedRows()
    {
        var path = Path.Combine(_host.Folder, "jan.csv");
        File.WriteAllText(path, "jan");
        _reader.Serve(path, [
            Row("2026-01-05", 1m, resourceId: "/subscriptions/s1/resourceGroups/Pay-RG/providers/Microsoft.Compute/virtualMachines/vm1", resourceName: "vm1"),
            Row("2026-01-05", 2m, resourceId: "arn:aws:rds:us-east-1:1:db:search-db", resourceName: "search-db"),
            Row("2026-01-05", 4m, billingAccount: "777", resourceId: "x"),
            Row("2026-01-05", 8m, resourceId: "y"),
        ]);
        Assert.True((await _host.ImportAsync(path)).Succeeded);
        File.WriteAllText(_host.RulesPath, """
            version: 1
            hierarchy:
              - id: pay-rg
                team: payments
                resourceGroup: pay-rg
              - id: search-arns
                team: search
                resource: "arn:aws:rds:*:search-*"
              - id: billing-777
                team: data
                billingAccount: "777"
            """);

        var teams = await _host.TeamsAsync(January);
        var explanation = Assert.Single(await _host.Get<FinOps.Storage.Allocation.AllocationService>().ExplainAsync("vm1", null, CostMetric.EffectiveCost, CancellationToken.None));

        Assert.Equal(1m, teams["payments"]);
        Assert.Equal(2m, teams["search"]);
        Assert.Equal(4m, teams["data"]);
        Assert.Equal(8m, teams[TagTeamAssignment.Unallocated]);
        var shown = await _host.Get<FinOps.Storage.Costs.SqliteCostStore>().GetDimensionValuesAsync(Dimension.Resource, CancellationToken.None);
        Assert.Equal(["search-db", "vm1", "x", "y"], shown);
        Assert.Contains("resource group 'Pay-RG' matches pay-rg", explanation.Reason, StringComparison.Ordinal);
    }
}
