using FinOps.Core.Ingestion;
using Parquet;
using Parquet.Serialization;

namespace FinOps.Core.Tests.Ingestion;

public sealed class FocusParquetTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FocusFileReader _reader = new();

    [Fact]
    public async Task Read_ParquetWithTypedColumnsAndSeveralRowGroups_ReadsEveryRow()
    {
        var file = _folder.Combine("export.parquet");
        var rows = Enumerable.Range(0, 5).Select(i => new TypedRow
        {
            ChargePeriodStart = new DateTime(2024, 9, 1 + i, 0, 0, 0, DateTimeKind.Utc),
            ChargePeriodEnd = i == 4 ? null : new DateTime(2024, 9, 2 + i, 0, 0, 0, DateTimeKind.Utc),
            BilledCost = 1.5m * i,
            EffectiveCost = 1.25m * i,
            ListCost = 2.5,
            BillingCurrency = "USD",
            ChargeCategory = "Usage",
            ServiceProviderName = "Snowflake",
            ServiceName = i == 2 ? null : "Warehouse",
            Tags = i == 1 ? "{\" org\": \"finance\"}" : null,
            x_Cluster = "c-" + i,
        }).ToList();
        await ParquetSerializer.SerializeAsync(rows, file, new ParquetOptions { RowGroupSize = 2 }, null, CancellationToken.None);

        var records = _reader.Read(file, CancellationToken.None).ToList();

        Assert.Equal(5, records.Count);
        Assert.Equal([1L, 2, 3, 4, 5], records.Select(r => r.SourceLine));
        Assert.Equal(new DateTime(2024, 9, 4, 0, 0, 0, DateTimeKind.Utc), records[3].ChargePeriodStart);
        Assert.Equal(DateTimeKind.Utc, records[3].ChargePeriodStart.Kind);
        Assert.Equal(new DateTime(2024, 9, 6, 0, 0, 0, DateTimeKind.Utc), records[4].ChargePeriodEnd);
        Assert.Equal(4.5m, records[3].BilledCost);
        Assert.Equal(3.75m, records[3].EffectiveCost);
        Assert.Equal(2.5m, records[2].EffectiveCost);
        Assert.Equal(2.5m, records[0].ListCost);
        Assert.Equal("Snowflake", records[0].Provider);
        Assert.Null(records[2].ServiceName);
        Assert.Equal("finance", records[1].Tags["org"]);
        Assert.Empty(records[0].Tags);
        Assert.Equal("c-4", records[4].Extensions["x_Cluster"]);
    }

    [Fact]
    public async Task Read_ParquetWithMapTags_TrimsKeys()
    {
        var file = _folder.Combine("map.parquet");
        var rows = new List<MapRow>
        {
            new() { ChargePeriodStart = "2024-09-01 00:00:00", BilledCost = "1", Tags = new() { [" org"] = "finance", ["env"] = "prod" } },
            new() { ChargePeriodStart = "2024-09-02 00:00:00", BilledCost = "2", Tags = null },
            new() { ChargePeriodStart = "2024-09-03 00:00:00", BilledCost = "3", Tags = new() { [" org"] = "finance", ["env"] = "prod" } },
            new() { ChargePeriodStart = "2024-09-04 00:00:00", BilledCost = "4", Tags = [] },
        };
        await ParquetSerializer.SerializeAsync(rows, file, null, null, CancellationToken.None);

        var records = _reader.Read(file, CancellationToken.None).ToList();

        Assert.Equal(4, records.Count);
        Assert.Equal("finance", records[0].Tags["org"]);
        Assert.Equal("prod", records[0].Tags["env"]);
        Assert.Empty(records[1].Tags);
        Assert.Same(records[0].Tags, records[2].Tags);
        Assert.Empty(records[3].Tags);
        Assert.Equal(new DateTime(2024, 9, 3, 0, 0, 0, DateTimeKind.Utc), records[2].ChargePeriodStart);
        Assert.Equal(3m, records[2].BilledCost);
        Assert.Equal("AWS", records[2].Provider);
    }

    [Fact]
    public async Task Read_ParquetBadNumberText_NamesRowAndColumn()
    {
        var file = _folder.Combine("bad.parquet");
        var rows = new List<MapRow>
        {
            new() { ChargePeriodStart = "2024-09-01", BilledCost = "1" },
            new() { ChargePeriodStart = "2024-09-02", BilledCost = "one" },
        };
        await ParquetSerializer.SerializeAsync(rows, file, null, null, CancellationToken.None);

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(file, e.File);
        Assert.Equal(2, e.Line);
        Assert.Equal("BilledCost", e.Column);
    }

    [Theory]
    [InlineData(0)] // the page header: the decoder reads absurd sizes ("Array dimensions exceeded supported range")
    [InlineData(24)] // inside the page data
    public async Task Read_ParquetWithDamagedColumnChunk_NamesColumnAndRowGroup(int intoChunk)
    {
        var file = _folder.Combine("damaged.parquet");
        var rows = Enumerable.Range(0, 6).Select(i => new TypedRow
        {
            ChargePeriodStart = new DateTime(2024, 9, 1 + i, 0, 0, 0, DateTimeKind.Utc),
            BilledCost = 1.5m * i,
            EffectiveCost = 1.25m * i,
            BillingCurrency = "USD",
            ChargeCategory = "Usage",
            ServiceProviderName = "Snowflake",
        }).ToList();
        await ParquetSerializer.SerializeAsync(rows, file, new ParquetOptions { RowGroupSize = 2, CompressionMethod = CompressionMethod.None }, null, CancellationToken.None);
        long offset;
        long length;
        await using (var stream = File.OpenRead(file))
        await using (var parquet = await ParquetReader.CreateAsync(stream))
        {
            var chunk = parquet.Metadata!.RowGroups[1].Columns.Single(c => c.MetaData!.PathInSchema[0] == "BilledCost").MetaData!;
            offset = chunk.DataPageOffset;
            length = chunk.TotalCompressedSize;
        }

        var bytes = await File.ReadAllBytesAsync(file);
        for (var i = offset + intoChunk; i < Math.Min(offset + length, offset + intoChunk + 16); i++)
        {
            bytes[i] = 0xFF;
        }

        await File.WriteAllBytesAsync(file, bytes);

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(file, e.File);
        Assert.Equal("BilledCost", e.Column);
        Assert.Contains("row group 2 of 3", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ParquetCutShort_IsRejected()
    {
        var file = _folder.Combine("cut.parquet");
        await ParquetSerializer.SerializeAsync([new TypedRow { ChargePeriodStart = new DateTime(2024, 9, 1, 0, 0, 0, DateTimeKind.Utc), BillingCurrency = "USD", ChargeCategory = "Usage", ServiceProviderName = "S" }], file, null, null, CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(file, bytes[..(bytes.Length * 3 / 4)]);

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(file, e.File);
    }

    [Fact]
    public async Task Read_ParquetWithoutRequiredColumns_IsRejected()
    {
        var file = _folder.Combine("nofocus.parquet");
        await ParquetSerializer.SerializeAsync([new NotFocusRow { Name = "Ann", Age = 31 }], file, null, null, CancellationToken.None);

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(file, e.File);
        Assert.Contains("not a FOCUS cost export", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileNamedParquetThatIsNot_IsRejected()
    {
        var file = _folder.Write("text.parquet", FocusCsv.Lines(FocusCsv.MinimalHeader, FocusCsv.MinimalRow));

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(file, e.File);
        Assert.Contains("Parquet", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ParquetWithOtherNumericAndDateTypes_ConvertsThem()
    {
        var file = _folder.Combine("types.parquet");
        var rows = new List<OtherTypesRow>
        {
            new() { ChargePeriodStart = new DateOnly(2024, 9, 18), BilledCost = 1.25, EffectiveCost = 3, ListCost = 0.5f, ContractedCost = 7, BillingAccountId = 1234567890123 },
        };
        await ParquetSerializer.SerializeAsync(rows, file, null, null, CancellationToken.None);

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal(new DateTime(2024, 9, 18, 0, 0, 0, DateTimeKind.Utc), r.ChargePeriodStart);
        Assert.Equal(DateTimeKind.Utc, r.ChargePeriodStart.Kind);
        Assert.Equal(1.25m, r.BilledCost);
        Assert.Equal(3m, r.EffectiveCost);
        Assert.Equal(0.5m, r.ListCost);
        Assert.Equal(7m, r.ContractedCost);
        Assert.Equal("1234567890123", r.BillingAccountId);
        Assert.Equal("GCP", r.Provider);
    }

    public void Dispose() => _folder.Dispose();

    private sealed class TypedRow
    {
        public DateTime ChargePeriodStart { get; set; }

        public DateTime? ChargePeriodEnd { get; set; }

        public decimal BilledCost { get; set; }

        public decimal? EffectiveCost { get; set; }

        public double ListCost { get; set; }

        public string BillingCurrency { get; set; } = "";

        public string ChargeCategory { get; set; } = "";

        public string ServiceProviderName { get; set; } = "";

        public string? ServiceName { get; set; }

        public string? Tags { get; set; }

        public string? x_Cluster { get; set; }
    }

    private sealed class MapRow
    {
        public string ChargePeriodStart { get; set; } = "";

        public string BilledCost { get; set; } = "";

        public string EffectiveCost { get; set; } = "0";

        public string BillingCurrency { get; set; } = "USD";

        public string ChargeCategory { get; set; } = "Usage";

        public string ProviderName { get; set; } = "AWS";

        public Dictionary<string, string>? Tags { get; set; }
    }

    private sealed class OtherTypesRow
    {
        public DateOnly ChargePeriodStart { get; set; }

        public double BilledCost { get; set; }

        public int EffectiveCost { get; set; }

        public float ListCost { get; set; }

        public long ContractedCost { get; set; }

        public long BillingAccountId { get; set; }

        public string BillingCurrency { get; set; } = "USD";

        public string ChargeCategory { get; set; } = "Usage";

        public string ProviderName { get; set; } = "GCP";
    }

    private sealed class NotFocusRow
    {
        public string Name { get; set; } = "";

        public int Age { get; set; }
    }
}
