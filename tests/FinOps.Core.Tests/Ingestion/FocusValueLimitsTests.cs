using System.Text;
using FinOps.Core.Ingestion;

namespace FinOps.Core.Tests.Ingestion;

/// <summary>Values the store cannot compute with are rejected at import, naming file, line and column.</summary>
public sealed class FocusValueLimitsTests : IDisposable
{
    private const string Header = "ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargeCategory,ProviderName";
    private const string Good = "2024-09-18,2024-09-19,2024-09-01,1.25,1.25,2,USD,Usage,AWS";

    private readonly TempFolder _folder = new();
    private readonly FocusFileReader _reader = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("9999-12-31,2024-09-19,2024-09-01,1,1,1,USD,Usage,AWS", "ChargePeriodStart")]
    [InlineData("9999-12-31,,2024-09-01,1,1,1,USD,Usage,AWS", "ChargePeriodStart")]
    [InlineData("2024-09-18,9999-12-31T23:59:59Z,2024-09-01,1,1,1,USD,Usage,AWS", "ChargePeriodEnd")]
    [InlineData("2024-09-18,2024-09-19,0001-01-01,1,1,1,USD,Usage,AWS", "BillingPeriodStart")]
    [InlineData("1999-12-31,2024-09-19,2024-09-01,1,1,1,USD,Usage,AWS", "ChargePeriodStart")]
    [InlineData("2100-01-01,2100-01-02,2024-09-01,1,1,1,USD,Usage,AWS", "ChargePeriodStart")]
    public void Read_DateOutsideTheAcceptedRange_IsRejectedNamingLineAndColumn(string row, string column)
    {
        var file = _folder.Write("dates.csv", FocusCsv.Lines(Header, Good, row));

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(file, e.File);
        Assert.Equal(3, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains("outside the dates an import accepts", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DatesAtTheEdgesOfTheRange_AreAccepted()
    {
        var file = _folder.Write("edges.csv", FocusCsv.Lines(Header,
            "2000-01-01,2000-01-02,2000-01-01,1,1,1,USD,Usage,AWS",
            "2099-12-31,2099-12-31T23:59:59Z,2099-12-01,1,1,1,USD,Usage,AWS"));

        Assert.Equal(2, _reader.Read(file, CancellationToken.None).Count());
    }

    [Fact]
    public void Read_ChargePeriodEndingBeforeItStarts_IsRejected()
    {
        var file = _folder.Write("backwards.csv", FocusCsv.Lines(Header, Good, "2024-09-18 10:00:00,2024-09-18 09:00:00,2024-09-01,1,1,1,USD,Usage,AWS"));

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(3, e.Line);
        Assert.Equal("ChargePeriodEnd", e.Column);
        Assert.Contains("before it starts", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BillingPeriodEndingBeforeItStarts_IsRejected()
    {
        var file = _folder.Write("billing.csv", FocusCsv.Lines(
            "ChargePeriodStart,BillingPeriodStart,BillingPeriodEnd,BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ProviderName",
            "2024-09-18,2024-10-01,2024-09-01,1,1,USD,Usage,AWS"));

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal("BillingPeriodEnd", e.Column);
    }

    [Theory]
    [InlineData("2024-09-18,2024-09-19,2024-09-01,5e28,1,1,USD,Usage,AWS", "BilledCost")]
    [InlineData("2024-09-18,2024-09-19,2024-09-01,1,-5E+28,1,USD,Usage,AWS", "EffectiveCost")]
    [InlineData("2024-09-18,2024-09-19,2024-09-01,1,1,1000000000000000.01,USD,Usage,AWS", "ListCost")]
    public void Read_AmountBeyondTheBound_IsRejectedNamingLineAndColumn(string row, string column)
    {
        var file = _folder.Write("huge.csv", FocusCsv.Lines(Header, Good, row));

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(3, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains("largest amount", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AmountAtTheBound_IsAccepted()
    {
        var file = _folder.Write("bound.csv", FocusCsv.Lines(Header, "2024-09-18,2024-09-19,2024-09-01,1000000000000000,-1000000000000000,0,USD,Usage,AWS"));

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal(FocusLimits.MaxAmount, r.BilledCost);
        Assert.Equal(-FocusLimits.MaxAmount, r.EffectiveCost);
    }

    [Fact]
    public void MaxAmount_SumsOfManyRows_CannotOverflowDecimal()
    {
        // The documented guarantee: 10^13 rows at the bound still sum within decimal.
        var sum = FocusLimits.MaxAmount * 10_000_000_000_000m;

        Assert.True(sum < decimal.MaxValue);
        var huge = decimal.Parse("5e28", System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Throws<OverflowException>(() => huge + huge);
    }

    [Fact]
    public void Read_BytesThatAreNotUtf8_AreRejectedNamingTheLine()
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(FocusCsv.Lines(Header, Good, Good)));
        bytes.AddRange(Encoding.UTF8.GetBytes("2024-09-18,2024-09-19,2024-09-01,1,1,1,USD,Usage,"));
        bytes.AddRange([0x41, 0xFF, 0xFE, 0x57, 0x53]); // "A\xFF\xFEWS": Latin-1 or UTF-16 bytes in a UTF-8 file
        bytes.AddRange(Encoding.UTF8.GetBytes("\n" + Good + "\n"));
        var file = _folder.Combine("latin1.csv");
        File.WriteAllBytes(file, [.. bytes]);

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(4, e.Line);
        Assert.Contains("not valid UTF-8", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Utf8BomFileWithBytesThatAreNotUtf8_IsRejectedNamingTheLine()
    {
        // Azure exports start with a BOM: the strict decoding must survive the reader's BOM detection.
        var bytes = new List<byte>([0xEF, 0xBB, 0xBF]);
        bytes.AddRange(Encoding.UTF8.GetBytes(FocusCsv.Lines(Header, Good) + "2024-09-18,2024-09-19,2024-09-01,1,1,1,USD,Usage,A"));
        bytes.AddRange([0xFF, (byte)'\n']);
        var file = _folder.Combine("bom.csv");
        File.WriteAllBytes(file, [.. bytes]);

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Read_Utf8BomFile_IsRead()
    {
        var file = _folder.Combine("bomok.csv");
        File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(FocusCsv.Lines(Header, Good))]);

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal(1.25m, r.BilledCost);
    }

    [Fact]
    public void Read_NotUtf8InTheHeader_IsRejectedAtLine1()
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(Header + ",Caf"));
        bytes.Add(0xE9); // "Café" in Latin-1
        bytes.AddRange(Encoding.UTF8.GetBytes("\n" + Good + ",x\n"));
        var file = _folder.Combine("latin1head.csv");
        File.WriteAllBytes(file, [.. bytes]);

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Read_ValidUtf8WithReplacementCharacter_IsAccepted()
    {
        // U+FFFD written as UTF-8 is text like any other; only undecodable bytes are an error.
        var file = _folder.Write("fffd.csv", FocusCsv.Lines(Header + ",ServiceName", Good + ",Odd \uFFFD name"));

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal("Odd \uFFFD name", r.ServiceName);
    }

    [Fact]
    public void Read_InvalidByteFarBeyondTheReadBuffer_NamesItsLine()
    {
        var csv = new StringBuilder(Header + "\n");
        for (var i = 0; i < 5_000; i++)
        {
            csv.Append(Good).Append('\n');
        }

        var bytes = new List<byte>(Encoding.UTF8.GetBytes(csv.ToString()));
        bytes.AddRange(Encoding.UTF8.GetBytes("2024-09-18,2024-09-19,2024-09-01,1,1,1,USD,Usage,A"));
        bytes.Add(0xC3); // a lead byte without its continuation
        bytes.AddRange(Encoding.UTF8.GetBytes("\n"));
        var file = _folder.Combine("late.csv");
        File.WriteAllBytes(file, [.. bytes]);

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(5_002, e.Line);
    }
}
