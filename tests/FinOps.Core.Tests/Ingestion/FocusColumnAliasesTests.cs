using FinOps.Core.Focus;
using FinOps.Core.Ingestion;

namespace FinOps.Core.Tests.Ingestion;

public sealed class FocusColumnAliasesTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FocusFileReader _reader = new();

    public static TheoryData<string, FocusColumn> AllAliases()
    {
        var data = new TheoryData<string, FocusColumn>();
        foreach (var (name, column) in FocusColumnAliases.Table)
        {
            data.Add(name, column);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllAliases))]
    public void Read_EveryAlias_MapsOntoItsColumn(string alias, FocusColumn column)
    {
        var columns = new List<(string Name, string Value)>
        {
            ("ChargePeriodStart", "2024-09-01 00:00:00"),
            ("BilledCost", "1.25"),
            ("EffectiveCost", "1.25"),
            ("BillingCurrency", "USD"),
            ("ChargeCategory", "Usage"),
            ("ProviderName", "Base"),
        };
        var value = ValueFor(column);
        var replaced = columns.FindIndex(c => FocusColumnAliases.TryResolve(c.Name, out var existing) && existing == column);
        if (replaced >= 0)
        {
            columns[replaced] = (alias, value);
        }
        else
        {
            columns.Add((alias, value));
        }

        var file = _folder.Write("alias.csv", FocusCsv.Lines(
            string.Join(",", columns.Select(c => c.Name)),
            string.Join(",", columns.Select(c => Quote(c.Value)))));

        var record = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal(Expected(column), Get(record, column));
    }

    [Fact]
    public void Read_Focus10ColumnSet_MapsEveryField()
    {
        var file = _folder.Write("focus10.csv", FocusCsv.Lines(
            "AvailabilityZone,BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,BillingPeriodStart,ChargeCategory,ChargeClass,ChargeDescription,ChargeFrequency,ChargePeriodEnd,ChargePeriodStart,CommitmentDiscountCategory,CommitmentDiscountId,CommitmentDiscountName,CommitmentDiscountStatus,CommitmentDiscountType,ConsumedQuantity,ConsumedUnit,ContractedCost,ContractedUnitPrice,EffectiveCost,InvoiceIssuerName,ListCost,ListUnitPrice,PricingCategory,PricingQuantity,PricingUnit,ProviderName,PublisherName,RegionId,RegionName,ResourceId,ResourceName,ResourceType,ServiceCategory,ServiceName,SkuId,SkuPriceId,SubAccountId,SubAccountName,Tags",
            "us-east-1a,10.5,BA1,Billing One,USD,2024-10-01 00:00:00,2024-09-01 00:00:00,Usage,Correction,Compute hours,Usage-Based,2024-09-18 23:00:00,2024-09-18 22:00:00,Spend,cd-1,Plan,Used,Savings Plan,1,Hours,9.5,0.1,8.5,\"AWS, Inc.\",12.5,0.2,Committed,1,Hours,AWS,\"AWS, Inc.\",us-east-1,US East,i-123,web-1,Instance,Compute,Amazon EC2,SKU1,SKU1.P,SA1,Sub One,\"{\"\"team\"\": \"\"core\"\"}\""));

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal(new DateTime(2024, 9, 18, 22, 0, 0, DateTimeKind.Utc), r.ChargePeriodStart);
        Assert.Equal(new DateTime(2024, 9, 18, 23, 0, 0, DateTimeKind.Utc), r.ChargePeriodEnd);
        Assert.Equal(new DateTime(2024, 9, 1, 0, 0, 0, DateTimeKind.Utc), r.BillingPeriodStart);
        Assert.Equal(new DateTime(2024, 10, 1, 0, 0, 0, DateTimeKind.Utc), r.BillingPeriodEnd);
        Assert.Equal("AWS", r.Provider);
        Assert.Equal("AWS, Inc.", r.Publisher);
        Assert.Equal("AWS, Inc.", r.InvoiceIssuer);
        Assert.Equal("BA1", r.BillingAccountId);
        Assert.Equal("Billing One", r.BillingAccountName);
        Assert.Equal("SA1", r.SubAccountId);
        Assert.Equal("Sub One", r.SubAccountName);
        Assert.Equal("Amazon EC2", r.ServiceName);
        Assert.Equal("Compute", r.ServiceCategory);
        Assert.Equal("us-east-1", r.RegionId);
        Assert.Equal("US East", r.RegionName);
        Assert.Equal("i-123", r.ResourceId);
        Assert.Equal("web-1", r.ResourceName);
        Assert.Equal("Instance", r.ResourceType);
        Assert.Equal("Usage", r.ChargeCategory);
        Assert.Equal("Correction", r.ChargeClass);
        Assert.Equal("Compute hours", r.ChargeDescription);
        Assert.Equal("Committed", r.PricingCategory);
        Assert.Equal("cd-1", r.CommitmentDiscountId);
        Assert.Equal("Used", r.CommitmentDiscountStatus);
        Assert.Equal("SKU1", r.SkuId);
        Assert.Equal(10.5m, r.BilledCost);
        Assert.Equal(8.5m, r.EffectiveCost);
        Assert.Equal(12.5m, r.ListCost);
        Assert.Equal(9.5m, r.ContractedCost);
        Assert.Equal("USD", r.BillingCurrency);
        Assert.Equal("core", r.Tags["team"]);
        Assert.Empty(r.Extensions);
    }

    [Fact]
    public void Read_Focus11ColumnSet_ReadsAndIgnoresNewColumns()
    {
        var file = _folder.Write("focus11.csv", FocusCsv.Lines(
            "BilledCost,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,CapacityReservationId,CapacityReservationStatus,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,CommitmentDiscountQuantity,CommitmentDiscountUnit,EffectiveCost,ProviderName,ServiceName,ServiceSubcategory,SkuMeter,SkuPriceDetails,RegionId",
            "3,EUR,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z,cr-1,Used,Usage,2025-01-05T00:00:00Z,2025-01-06T00:00:00Z,1,Hours,2.5,Microsoft,Virtual Machines,Virtual Machines,Compute Hour,{},westeurope"));

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal("Microsoft", r.Provider);
        Assert.Equal("EUR", r.BillingCurrency);
        Assert.Equal(3m, r.BilledCost);
        Assert.Equal(2.5m, r.EffectiveCost);
        Assert.Equal("westeurope", r.RegionId);
        Assert.Equal(new DateTime(2025, 1, 5, 0, 0, 0, DateTimeKind.Utc), r.ChargePeriodStart);
    }

    [Fact]
    public void Read_Focus12ColumnSet_ReadsAndIgnoresNewColumns()
    {
        var file = _folder.Write("focus12.csv", FocusCsv.Lines(
            "BilledCost,BillingAccountId,BillingAccountType,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,EffectiveCost,InvoiceId,PricingCurrency,PricingCurrencyEffectiveCost,ProviderName,SubAccountId,SubAccountType,ServiceName",
            "7.25,acct,Billing Profile,USD,Purchase,2025-03-01,2025-03-02,0,inv-9,JPY,1000,Oracle,sub,Compartment,Compute"));

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal("Oracle", r.Provider);
        Assert.Equal("Purchase", r.ChargeCategory);
        Assert.Equal(7.25m, r.BilledCost);
        Assert.Equal(0m, r.EffectiveCost);
        Assert.Equal(new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc), r.ChargePeriodStart);
        Assert.Equal(new DateTime(2025, 3, 2, 0, 0, 0, DateTimeKind.Utc), r.ChargePeriodEnd);
    }

    [Fact]
    public void Read_Focus13ColumnSet_ProviderFromServiceProviderName()
    {
        var file = _folder.Write("focus13.csv", FocusCsv.Lines(
            "BilledCost,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,EffectiveCost,HostProviderName,InvoiceIssuerName,ServiceProviderName,ServiceName",
            "1,USD,Usage,2026-06-23T00:00:00Z,2026-06-24T00:00:00Z,1,AWS,Marketplace Inc,Snowflake,Snowflake Compute"));

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal("Snowflake", r.Provider);
        Assert.Equal("AWS", r.HostProvider);
        Assert.Equal("Marketplace Inc", r.InvoiceIssuer);
    }

    [Fact]
    public void Read_BothProviderColumns_ServiceProviderNameWinsUnlessNull()
    {
        var file = _folder.Write("both.csv", FocusCsv.Lines(
            "ChargePeriodStart,BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ProviderName,ServiceProviderName",
            "2024-09-01,1,1,USD,Usage,Microsoft,Databricks",
            "2024-09-01,1,1,USD,Usage,Microsoft,NULL"));

        var records = _reader.Read(file, CancellationToken.None).ToList();

        Assert.Equal("Databricks", records[0].Provider);
        Assert.Equal("Microsoft", records[1].Provider);
    }

    [Fact]
    public void Read_Focus05ColumnSet_MapsPre10Names()
    {
        var file = _folder.Write("focus05.csv", FocusCsv.Lines(
            "AmortizedCost,AvailabilityZone,BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,BillingPeriodStart,ChargePeriodEnd,ChargePeriodStart,ChargeType,InvoiceIssuerName,ProviderName,PublisherName,Region,ResourceId,ResourceName,ServiceCategory,ServiceName,SubAccountId,SubAccountName",
            "4.5,az1,5,BA,Acct,USD,2023-12-01T00:00:00Z,2023-11-01T00:00:00Z,2023-11-02T00:00:00Z,2023-11-01T00:00:00Z,Usage,Issuer,Google Cloud,Google,us-central1,res,Res,Compute,Compute Engine,proj,Project"));

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal(4.5m, r.EffectiveCost);
        Assert.Equal(5m, r.BilledCost);
        Assert.Equal("Usage", r.ChargeCategory);
        Assert.Equal("us-central1", r.RegionId);
        Assert.Equal("Google Cloud", r.Provider);
        Assert.Equal("Issuer", r.InvoiceIssuer);
        Assert.Equal("Google", r.Publisher);
    }

    [Fact]
    public void Read_OnlyAmortizedCost_IsRejectedForMissingBilledCost()
    {
        // Standing the amortised cost in for the billed one would make every "billed" answer silently amortised.
        var file = _folder.Write("amortized.csv", FocusCsv.Lines(
            "UsageDateTime,AmortizedCost,BillingCurrency,ChargeType,ProviderName",
            "2023-11-01,2.75,USD,Usage,Azure"));

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(1, e.Line);
        Assert.Contains("required columns missing: BilledCost.", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingEffectiveCostColumn_IsRejected()
    {
        var file = _folder.Write("billedonly.csv", FocusCsv.Lines(
            "ChargePeriodStart,BilledCost,BillingCurrency,ChargeCategory,ProviderName",
            "2024-09-18,2.75,USD,Usage,AWS"));

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Contains("required columns missing: EffectiveCost.", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderWithOddCaseSpacesAndBom_IsMatched()
    {
        var file = _folder.Write("case.csv", "\uFEFF CHARGEPERIODSTART , billedcost, EFFECTIVECOST ,\tBillingCurrency ,chargecategory,PROVIDERNAME\n" + FocusCsv.MinimalRow + "\n");

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal(1.25m, r.BilledCost);
        Assert.Equal("AWS", r.Provider);
    }

    [Fact]
    public void Read_OptionalColumnsAbsent_DefaultsApply()
    {
        var file = _folder.Write("minimal.csv", FocusCsv.Lines(FocusCsv.MinimalHeader, FocusCsv.MinimalRow));

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal(new DateTime(2024, 9, 19, 22, 0, 0, DateTimeKind.Utc), r.ChargePeriodEnd);
        Assert.Equal(new DateTime(2024, 9, 1, 0, 0, 0, DateTimeKind.Utc), r.BillingPeriodStart);
        Assert.Equal(new DateTime(2024, 10, 1, 0, 0, 0, DateTimeKind.Utc), r.BillingPeriodEnd);
        Assert.Equal(1.25m, r.EffectiveCost);
        Assert.Equal(0m, r.ListCost);
        Assert.Equal(0m, r.ContractedCost);
        Assert.Null(r.ServiceName);
        Assert.Empty(r.Tags);
        Assert.Equal(2, r.SourceLine);
    }

    [Fact]
    public void Read_ExtensionColumns_AreKeptByName()
    {
        var file = _folder.Write("ext.csv", FocusCsv.Lines(
            FocusCsv.MinimalHeader + ",x_CostCategories,X_Discounts,SomethingElse",
            FocusCsv.MinimalRow + ",\"{\"\"a\"\":1}\",NULL,ignored"));

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal(2, r.Extensions.Count);
        Assert.Equal("{\"a\":1}", r.Extensions["x_CostCategories"]);
        Assert.True(r.Extensions.ContainsKey("X_Discounts"));
        Assert.Null(r.Extensions["X_Discounts"]);
        Assert.False(r.Extensions.ContainsKey("SomethingElse"));
        Assert.Equal(["x_CostCategories", "X_Discounts"], r.Extensions.Keys);
    }

    public void Dispose() => _folder.Dispose();

    private static string ValueFor(FocusColumn column) => column switch
    {
        FocusColumn.ChargePeriodStart or FocusColumn.ChargePeriodEnd
            or FocusColumn.BillingPeriodStart or FocusColumn.BillingPeriodEnd => "2024-09-03T04:05:06Z",
        FocusColumn.BilledCost or FocusColumn.EffectiveCost or FocusColumn.ListCost or FocusColumn.ContractedCost => "42.5",
        FocusColumn.Tags => "{\"k\": \"v\"}",
        _ => "Value-" + column,
    };

    private static object? Expected(FocusColumn column) => column switch
    {
        FocusColumn.ChargePeriodStart or FocusColumn.ChargePeriodEnd
            or FocusColumn.BillingPeriodStart or FocusColumn.BillingPeriodEnd => new DateTime(2024, 9, 3, 4, 5, 6, DateTimeKind.Utc),
        FocusColumn.BilledCost or FocusColumn.EffectiveCost or FocusColumn.ListCost or FocusColumn.ContractedCost => 42.5m,
        FocusColumn.Tags => "k=v",
        _ => "Value-" + column,
    };

    private static object? Get(FocusRecord r, FocusColumn column) => column switch
    {
        FocusColumn.ChargePeriodStart => r.ChargePeriodStart,
        FocusColumn.ChargePeriodEnd => r.ChargePeriodEnd,
        FocusColumn.BillingPeriodStart => r.BillingPeriodStart,
        FocusColumn.BillingPeriodEnd => r.BillingPeriodEnd,
        FocusColumn.ProviderName => r.Provider,
        FocusColumn.ServiceProviderName => r.Provider,
        FocusColumn.HostProviderName => r.HostProvider,
        FocusColumn.PublisherName => r.Publisher,
        FocusColumn.InvoiceIssuerName => r.InvoiceIssuer,
        FocusColumn.BillingAccountId => r.BillingAccountId,
        FocusColumn.BillingAccountName => r.BillingAccountName,
        FocusColumn.SubAccountId => r.SubAccountId,
        FocusColumn.SubAccountName => r.SubAccountName,
        FocusColumn.ServiceName => r.ServiceName,
        FocusColumn.ServiceCategory => r.ServiceCategory,
        FocusColumn.RegionId => r.RegionId,
        FocusColumn.RegionName => r.RegionName,
        FocusColumn.ResourceId => r.ResourceId,
        FocusColumn.ResourceName => r.ResourceName,
        FocusColumn.ResourceType => r.ResourceType,
        FocusColumn.ChargeCategory => r.ChargeCategory,
        FocusColumn.ChargeClass => r.ChargeClass,
        FocusColumn.ChargeDescription => r.ChargeDescription,
        FocusColumn.PricingCategory => r.PricingCategory,
        FocusColumn.CommitmentDiscountId => r.CommitmentDiscountId,
        FocusColumn.CommitmentDiscountStatus => r.CommitmentDiscountStatus,
        FocusColumn.SkuId => r.SkuId,
        FocusColumn.BilledCost => r.BilledCost,
        FocusColumn.EffectiveCost => r.EffectiveCost,
        FocusColumn.ListCost => r.ListCost,
        FocusColumn.ContractedCost => r.ContractedCost,
        FocusColumn.BillingCurrency => r.BillingCurrency,
        FocusColumn.Tags => string.Join(";", r.Tags.Select(t => $"{t.Key}={t.Value}")),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
    };

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
