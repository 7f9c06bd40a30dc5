using FinOps.Core.Focus;
using FinOps.Core.Ingestion;

namespace FinOps.Core.Tests.Ingestion;

public sealed class FocusFileReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FocusFileReader _reader = new();

    [Theory]
    [InlineData("NULL")]
    [InlineData("null")]
    [InlineData("Null")]
    [InlineData("nUlL")]
    [InlineData("")]
    [InlineData("\"\"")]
    [InlineData("   ")]
    [InlineData("\"NULL\"")]
    public void Read_NullForms_GiveNull(string cell)
    {
        var file = _folder.Write("nulls.csv", FocusCsv.Lines(
            FocusCsv.MinimalHeader + ",ResourceId,ListCost,ChargePeriodEnd,Tags",
            $"{FocusCsv.MinimalRow},{cell},{cell},{cell},{cell}"));

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Null(r.ResourceId);
        Assert.Equal(0m, r.ListCost);
        Assert.Equal(r.ChargePeriodStart.AddDays(1), r.ChargePeriodEnd);
        Assert.Empty(r.Tags);
    }

    [Theory]
    [InlineData("1.25", "1.25")]
    [InlineData("\"1.25\"", "1.25")]
    [InlineData("0.00000080000", "0.00000080000")]
    [InlineData("-3", "-3")]
    [InlineData("+3.5", "3.5")]
    [InlineData("1.5E-05", "0.000015")]
    [InlineData("\"2.5e3\"", "2500")]
    [InlineData("-1.2E+2", "-120")]
    [InlineData(" 7.5 ", "7.5")]
    [InlineData("123456789012345.1234567890123", "123456789012345.1234567890123")]
    public void Read_NumberForms_ParseExactly(string cell, string expected)
    {
        var file = _folder.Write("numbers.csv", FocusCsv.Lines(
            "ChargePeriodStart,BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ProviderName",
            $"2024-09-18,{cell},1,USD,Usage,AWS"));

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), r.BilledCost);
    }

    [Fact]
    public void Read_PlainDecimal_KeepsTheScaleDecimalParseKeeps()
    {
        var file = _folder.Write("scale.csv", FocusCsv.Lines(FocusCsv.MinimalHeader, "2024-09-18,0.00000080000,1,USD,Usage,AWS"));

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal("0.00000080000", r.BilledCost.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2024-09-18 22:00:00", "2024-09-18T22:00:00.0000000")]
    [InlineData("2024-09-18T22:00:00Z", "2024-09-18T22:00:00.0000000")]
    [InlineData("2024-09-18T22:00:00", "2024-09-18T22:00:00.0000000")]
    [InlineData("2024-09-18T22:00:00.5Z", "2024-09-18T22:00:00.5000000")]
    [InlineData("2024-09-18T22:00:00.123Z", "2024-09-18T22:00:00.1230000")]
    [InlineData("2024-09-18 22:00:00.1234567", "2024-09-18T22:00:00.1234567")]
    [InlineData("2024-09-18T22:00:00.123456789Z", "2024-09-18T22:00:00.1234567")]
    [InlineData("2024-09-19T00:30:00+02:30", "2024-09-18T22:00:00.0000000")]
    [InlineData("2024-09-18T17:00:00-05:00", "2024-09-18T22:00:00.0000000")]
    [InlineData("2024-09-18T17:00:00-0500", "2024-09-18T22:00:00.0000000")]
    [InlineData("2024-09-19T00:00:00+02", "2024-09-18T22:00:00.0000000")]
    [InlineData("2024-09-18", "2024-09-18T00:00:00.0000000")]
    [InlineData("\"2024-09-18T22:00Z\"", "2024-09-18T22:00:00.0000000")]
    [InlineData("2024-09-18T22:00:00.000+00:00", "2024-09-18T22:00:00.0000000")]
    public void Read_TimestampForms_GiveUtc(string cell, string expectedUtc)
    {
        var file = _folder.Write("times.csv", FocusCsv.Lines(FocusCsv.MinimalHeader, $"{cell},1,1,USD,Usage,AWS"));

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal(DateTimeKind.Utc, r.ChargePeriodStart.Kind);
        Assert.Equal(expectedUtc, r.ChargePeriodStart.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Read_Tags_KeysTrimmedValuesKeptNonStringsAsJson()
    {
        var file = _folder.Write("tags.csv", FocusCsv.Lines(
            FocusCsv.MinimalHeader + ",Tags",
            FocusCsv.MinimalRow + ",\"{\"\" org\"\": \"\"Finance \"\", \"\"env \"\": \"\"prod\"\", \"\"n\"\": 5, \"\"b\"\": true, \"\"z\"\": null, \"\"o\"\": {\"\"a\"\": [1, 2]}, \"\"  \"\": \"\"dropped\"\"}\""));

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal(6, r.Tags.Count);
        Assert.Equal("Finance ", r.Tags["org"]);
        Assert.Equal("prod", r.Tags["env"]);
        Assert.Equal("5", r.Tags["n"]);
        Assert.Equal("true", r.Tags["b"]);
        Assert.Equal("null", r.Tags["z"]);
        Assert.Equal("{\"a\": [1, 2]}", r.Tags["o"]);
        Assert.False(r.Tags.ContainsKey(" org"));
    }

    [Theory]
    [InlineData("NULL")]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("\"{ }\"")]
    [InlineData("null")]
    public void Read_EmptyTagForms_GiveNoTags(string cell)
    {
        var file = _folder.Write("notags.csv", FocusCsv.Lines(FocusCsv.MinimalHeader + ",Tags", FocusCsv.MinimalRow + "," + cell));

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Empty(r.Tags);
    }

    [Fact]
    public void Read_SameTagsOnManyRows_ShareOneParsedSet()
    {
        const string Tags = "\"{\"\"team\"\": \"\"core\"\"}\"";
        var file = _folder.Write("shared.csv", FocusCsv.Lines(FocusCsv.MinimalHeader + ",Tags", FocusCsv.MinimalRow + "," + Tags, FocusCsv.MinimalRow + "," + Tags));

        var records = _reader.Read(file, CancellationToken.None).ToList();

        Assert.Same(records[0].Tags, records[1].Tags);
        Assert.Equal("core", records[1].Tags["team"]);
    }

    [Fact]
    public void Read_GzipFile_ReadsLikePlain()
    {
        var content = FocusCsv.Lines(FocusCsv.MinimalHeader, FocusCsv.MinimalRow, "2024-09-18 23:00:00,2.5,1,USD,Usage,AWS");
        var gz = _folder.WriteGzip("export.csv.gz", content);
        var plain = _folder.Write("export.csv", content);

        var fromGzip = _reader.Read(gz, CancellationToken.None).Select(r => (r.SourceLine, r.ChargePeriodStart, r.BilledCost)).ToList();
        var fromPlain = _reader.Read(plain, CancellationToken.None).Select(r => (r.SourceLine, r.ChargePeriodStart, r.BilledCost)).ToList();

        Assert.Equal(2, fromGzip.Count);
        Assert.Equal(fromPlain, fromGzip);
    }

    [Fact]
    public void Read_GzNameWithoutGzipContent_IsRejected()
    {
        var file = _folder.Write("fake.csv.gz", FocusCsv.Lines(FocusCsv.MinimalHeader, FocusCsv.MinimalRow));

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(file, e.File);
        Assert.Contains("not gzip", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadNumber_NamesFileLineAndColumn()
    {
        var file = _folder.Write("badnumber.csv", FocusCsv.Lines(FocusCsv.MinimalHeader, FocusCsv.MinimalRow, "2024-09-18,12,5,USD,Usage,AWS", "2024-09-18,1.2.3,1,USD,Usage,AWS"));

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(file, e.File);
        Assert.Equal(4, e.Line);
        Assert.Equal("BilledCost", e.Column);
        Assert.Contains("1.2.3", e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{file}:4 column BilledCost:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadDate_NamesFileLineAndColumnAsWritten()
    {
        var file = _folder.Write("baddate.csv", FocusCsv.Lines(
            "chargeperiodstart,BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ProviderName",
            FocusCsv.MinimalRow,
            "2024-13-40 00:00:00,1,1,USD,Usage,AWS"));

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(3, e.Line);
        Assert.Equal("chargeperiodstart", e.Column);
        Assert.Contains("2024-13-40", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"{not json\"")]
    [InlineData("\"[1,2]\"")]
    [InlineData("\"\"\"just text\"\"\"")]
    public void Read_BadTags_NamesFileLineAndColumn(string tags)
    {
        var file = _folder.Write("badtags.csv", FocusCsv.Lines(FocusCsv.MinimalHeader + ",Tags", FocusCsv.MinimalRow + "," + tags));

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(2, e.Line);
        Assert.Equal("Tags", e.Column);
    }

    [Theory]
    [InlineData("2024-09-18,1,1,NULL,Usage,AWS", "BillingCurrency")]
    [InlineData("2024-09-18,1,1,,Usage,AWS", "BillingCurrency")]
    [InlineData("2024-09-18,1,1,USD,,AWS", "ChargeCategory")]
    [InlineData("2024-09-18,1,1,USD,Usage,NULL", "ProviderName")]
    [InlineData("NULL,1,1,USD,Usage,AWS", "ChargePeriodStart")]
    [InlineData("2024-09-18,NULL,1,USD,Usage,AWS", "BilledCost")]
    [InlineData("2024-09-18,1,NULL,USD,Usage,AWS", "EffectiveCost")]
    public void Read_MissingRequiredValue_NamesFileLineAndColumn(string row, string column)
    {
        var file = _folder.Write("missing.csv", FocusCsv.Lines(FocusCsv.MinimalHeader, FocusCsv.MinimalRow, row));

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(file, e.File);
        Assert.Equal(3, e.Line);
        Assert.Equal(column, e.Column);
    }

    [Fact]
    public void Read_MissingRequiredColumns_NamesThemAtTheHeader()
    {
        var file = _folder.Write("nocurrency.csv", FocusCsv.Lines("ChargePeriodStart,BilledCost,ProviderName,ServiceName", "2024-09-18,1,AWS,EC2"));

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(file, e.File);
        Assert.Equal(1, e.Line);
        Assert.Contains("BillingCurrency", e.Message, StringComparison.Ordinal);
        Assert.Contains("ChargeCategory", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BilledCost", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotFocusAtAll_IsRejectedClearly()
    {
        var file = _folder.Write("people.csv", FocusCsv.Lines("name,age,city", "Ann,31,Oslo"));

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(file, e.File);
        Assert.Contains("not a FOCUS cost export", e.Message, StringComparison.Ordinal);
        Assert.Contains("name, age, city", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFile_IsRejected()
    {
        var file = _folder.Write("empty.csv", string.Empty);

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        var missing = _folder.Combine("nope.csv");

        var e = Assert.Throws<FileNotFoundException>(() => _reader.Read(missing, CancellationToken.None));

        Assert.Equal(missing, e.FileName);
    }

    [Fact]
    public void Read_QuotedFieldWithLineBreaks_LineNumbersArePhysicalLines()
    {
        var file = _folder.Write("multiline.csv",
            FocusCsv.MinimalHeader + ",ChargeDescription\r\n"
            + FocusCsv.MinimalRow + ",\"first\r\nsecond\nthird\"\r\n"
            + "\r\n"
            + FocusCsv.MinimalRow + ",plain\r\n"
            + "2024-09-18,oops,1,USD,Usage,AWS,x\r\n");

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());
        var good = _reader.Read(file, CancellationToken.None).Take(2).ToList();

        Assert.Equal(2, good[0].SourceLine);
        Assert.Equal("first\r\nsecond\nthird", good[0].ChargeDescription);
        Assert.Equal(6, good[1].SourceLine);
        Assert.Equal(7, e.Line);
        Assert.Equal("BilledCost", e.Column);
    }

    [Fact]
    public void Read_RowStartingWithHash_IsNotTreatedAsComment()
    {
        var file = _folder.Write("hash.csv", FocusCsv.Lines("BillingAccountId," + FocusCsv.MinimalHeader, "#acct," + FocusCsv.MinimalRow));

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal("#acct", r.BillingAccountId);
    }

    [Theory]
    [InlineData(",EC2")] // one cell short
    [InlineData(",EC2,us-east-1,extra")] // one cell too many
    [InlineData(",EC2,us-east-1,,")] // a trailing separator too many
    public void Read_RowWithOtherFieldCountThanHeader_IsRejectedNamingTheLine(string cells)
    {
        var file = _folder.Write("ragged.csv", FocusCsv.Lines(
            FocusCsv.MinimalHeader + ",ServiceName,RegionId", FocusCsv.MinimalRow + ",EC2,us-east-1", FocusCsv.MinimalRow + cells));

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(file, e.File);
        Assert.Equal(3, e.Line);
        Assert.Contains("but the header has 8", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LastLineWithoutLineEnding_IsRejectedNamingTheLine()
    {
        var file = _folder.Write("cut.csv", FocusCsv.MinimalHeader + "\n" + FocusCsv.MinimalRow + "\n" + FocusCsv.MinimalRow);

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(3, e.Line);
        Assert.Contains("no line ending", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PlainCsvCutInsideTheLastRow_IsRejectedNotFilled()
    {
        // A partial download: the last row stops after its BilledCost, so a short row without a line ending is left.
        var file = _folder.Write("cut.csv", FocusCsv.MinimalHeader + "\n" + FocusCsv.MinimalRow + "\n2024-09-18 23:00:00,12");

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Read_CrLfLineEndings_AreAccepted()
    {
        var file = _folder.Write("crlf.csv", FocusCsv.MinimalHeader + "\r\n" + FocusCsv.MinimalRow + "\r\n" + FocusCsv.MinimalRow + "\r\n");

        Assert.Equal(2, _reader.Read(file, CancellationToken.None).Count());
    }

    [Fact]
    public void Read_DuplicateColumnName_IsRejectedNamingBothColumns()
    {
        var file = _folder.Write("dup.csv", FocusCsv.Lines(FocusCsv.MinimalHeader + ",ServiceName,servicename", FocusCsv.MinimalRow + ",EC2,S3"));

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(1, e.Line);
        Assert.Equal("servicename", e.Column);
        Assert.Contains("columns 7 and 8", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateCostColumn_IsRejected()
    {
        var file = _folder.Write("dupcost.csv", FocusCsv.Lines(FocusCsv.MinimalHeader + ",BilledCost", FocusCsv.MinimalRow + ",99"));

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal("BilledCost", e.Column);
    }

    [Fact]
    public void Read_RepeatedStrings_AreShared()
    {
        var file = _folder.Write("pool.csv", FocusCsv.Lines(FocusCsv.MinimalHeader + ",ServiceName", FocusCsv.MinimalRow + ",Amazon EC2", FocusCsv.MinimalRow + ",Amazon EC2"));

        var records = _reader.Read(file, CancellationToken.None).ToList();

        Assert.Same(records[0].ServiceName, records[1].ServiceName);
    }

    [Fact]
    public void Read_Cancelled_Throws()
    {
        var file = _folder.Write("cancel.csv", FocusCsv.Lines(FocusCsv.MinimalHeader, FocusCsv.MinimalRow));
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => _reader.Read(file, cts.Token).ToList());
    }

    [Fact]
    public void Read_EnumeratedTwice_ReadsTheFileAgain()
    {
        var file = _folder.Write("twice.csv", FocusCsv.Lines(FocusCsv.MinimalHeader, FocusCsv.MinimalRow));
        IEnumerable<FocusRecord> records = _reader.Read(file, CancellationToken.None);

        Assert.Single(records);
        Assert.Single(records);
    }

    public void Dispose() => _folder.Dispose();
}
