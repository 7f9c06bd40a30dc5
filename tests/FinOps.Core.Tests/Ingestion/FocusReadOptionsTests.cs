using FinOps.Core.Focus;
using FinOps.Core.Ingestion;
using Parquet;
using Parquet.Serialization;

namespace FinOps.Core.Tests.Ingestion;

public sealed class FocusReadOptionsTests : IDisposable
{
    private const string Header = FocusCsv.MinimalHeader +
        ",ChargeDescription,SkuId,PublisherName,InvoiceIssuerName,ChargeClass,ServiceName,ResourceId,RegionName,Tags,x_UsageType";

    private readonly TempFolder _folder = new();
    private readonly FocusFileReader _reader = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Read_CostStoreOptions_LeavesDescriptiveColumnsOutAndKeepsTheRest()
    {
        var file = _folder.Write("export.csv", FocusCsv.Lines(
            Header,
            FocusCsv.MinimalRow + ",EC2 m5 hours,SKU-1,AWS Inc,AWS EMEA,Correction,EC2,i-1,Ireland,\"{\"\"team\"\":\"\"pay\"\"}\",BoxUsage",
            "2024-09-19 00:00:00,2.5,2.5,EUR,Credit,Azure,Credit note,SKU-2,Microsoft,Microsoft,,VM,vm-1,West Europe,{},Credit"));

        var all = _reader.Read(file, FocusReadOptions.All, CancellationToken.None).ToList();
        var projected = _reader.Read(file, FocusReadOptions.CostStore, CancellationToken.None).ToList();

        Assert.Equal(2, projected.Count);
        Assert.Equal("EC2 m5 hours", all[0].ChargeDescription);
        Assert.Equal("BoxUsage", all[0].Extensions["x_UsageType"]);
        for (var i = 0; i < projected.Count; i++)
        {
            var p = projected[i];
            Assert.Null(p.ChargeDescription);
            Assert.Null(p.SkuId);
            Assert.Null(p.Publisher);
            Assert.Null(p.InvoiceIssuer);
            Assert.Null(p.ChargeClass);
            Assert.Empty(p.Extensions);
            var a = all[i];
            Assert.Equal(
                (a.SourceLine, a.ChargePeriodStart, a.ChargePeriodEnd, a.BillingPeriodStart, a.Provider, a.ChargeCategory, a.BillingCurrency),
                (p.SourceLine, p.ChargePeriodStart, p.ChargePeriodEnd, p.BillingPeriodStart, p.Provider, p.ChargeCategory, p.BillingCurrency));
            Assert.Equal(
                (a.ServiceName, a.ResourceId, a.RegionName, a.BilledCost, a.EffectiveCost, a.ListCost, a.ContractedCost),
                (p.ServiceName, p.ResourceId, p.RegionName, p.BilledCost, p.EffectiveCost, p.ListCost, p.ContractedCost));
            Assert.Equal(a.Tags, p.Tags);
        }

        Assert.Equal("pay", projected[0].Tags["team"]);
        Assert.Equal("Ireland", projected[0].RegionName);
        Assert.Equal(2.5m, projected[1].BilledCost);
    }

    [Fact]
    public void Read_WithoutOptions_ReadsEveryColumn()
    {
        var file = _folder.Write("export.csv", FocusCsv.Lines(Header, FocusCsv.MinimalRow + ",d,s,p,i,c,EC2,i-1,r,{},u"));

        var record = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal(("d", "s", "p", "i", "c", "u"), (record.ChargeDescription, record.SkuId, record.Publisher, record.InvoiceIssuer, record.ChargeClass, record.Extensions["x_UsageType"]));
    }

    [Fact]
    public async Task Read_ParquetWithCostStoreOptions_LeavesDescriptiveColumnsOut()
    {
        var file = _folder.Combine("export.parquet");
        var rows = new List<Row> { new() { ChargeDescription = "EC2 m5 hours", SkuId = "SKU-1", ServiceName = "EC2", x_UsageType = "BoxUsage" } };
        await ParquetSerializer.SerializeAsync(rows, file, new ParquetOptions(), null, CancellationToken.None);

        var all = Assert.Single(_reader.Read(file, CancellationToken.None));
        var projected = Assert.Single(_reader.Read(file, FocusReadOptions.CostStore, CancellationToken.None));

        Assert.Equal(("EC2 m5 hours", "SKU-1"), (all.ChargeDescription, all.SkuId));
        Assert.Equal(((string?)null, (string?)null), (projected.ChargeDescription, projected.SkuId));
        Assert.Empty(projected.Extensions);
        Assert.Equal("EC2", projected.ServiceName);
        Assert.Equal(all.BilledCost, projected.BilledCost);
    }

    [Theory]
    [InlineData(FocusColumn.ChargePeriodStart)]
    [InlineData(FocusColumn.BilledCost)]
    [InlineData(FocusColumn.BillingCurrency)]
    [InlineData(FocusColumn.ProviderName)]
    [InlineData(FocusColumn.ServiceName)]
    [InlineData(FocusColumn.Tags)]
    public void Omit_ColumnRecordsNeed_Throws(FocusColumn column)
    {
        var e = Assert.Throws<ArgumentException>(() => new FocusReadOptions { Omit = new HashSet<FocusColumn> { column } });

        Assert.Contains(column.ToString(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ReaderWithoutProjection_FallsBackToEveryColumn()
    {
        IFocusFileReader reader = new OneRecordReader();

        var record = Assert.Single(reader.Read("any.csv", FocusReadOptions.CostStore, CancellationToken.None));

        Assert.Equal("kept", record.ChargeDescription);
    }

    private sealed class OneRecordReader : IFocusFileReader
    {
        public IEnumerable<FocusRecord> Read(string path, CancellationToken cancellationToken) =>
        [
            new FocusRecord
            {
                SourceLine = 2,
                ChargePeriodStart = new DateTime(2024, 9, 1, 0, 0, 0, DateTimeKind.Utc),
                ChargePeriodEnd = new DateTime(2024, 9, 2, 0, 0, 0, DateTimeKind.Utc),
                BillingPeriodStart = new DateTime(2024, 9, 1, 0, 0, 0, DateTimeKind.Utc),
                BillingPeriodEnd = new DateTime(2024, 10, 1, 0, 0, 0, DateTimeKind.Utc),
                Provider = "AWS",
                ChargeCategory = "Usage",
                BillingCurrency = "USD",
                ChargeDescription = "kept",
            },
        ];
    }

    private sealed class Row
    {
        public DateTime ChargePeriodStart { get; set; } = new(2024, 9, 1, 0, 0, 0, DateTimeKind.Utc);

        public decimal BilledCost { get; set; } = 3.5m;

        public decimal EffectiveCost { get; set; } = 3.5m;

        public string BillingCurrency { get; set; } = "USD";

        public string ChargeCategory { get; set; } = "Usage";

        public string ProviderName { get; set; } = "AWS";

        public string? ServiceName { get; set; }

        public string? ChargeDescription { get; set; }

        public string? SkuId { get; set; }

        public string? x_UsageType { get; set; }
    }
}
