using System.IO.Compression;
using FinOps.Core.Ingestion;

namespace FinOps.Core.Tests.Ingestion;

/// <summary>A .csv.gz is read to its verified end: each member's trailer (CRC-32 and length) checked, a cut file rejected.</summary>
public sealed class GzipVerificationTests : IDisposable
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "TestData", "focus", "focus-1.0-sample.csv");

    private readonly TempFolder _folder = new();
    private readonly FocusFileReader _reader = new();

    [Fact]
    public void Read_WholeGzip_GivesEveryRowOfThePlainFile()
    {
        var file = WriteBytes("whole.csv.gz", Gzip(File.ReadAllBytes(Sample)));

        var fromGzip = _reader.Read(file, CancellationToken.None).Select(r => (r.SourceLine, r.BilledCost)).ToList();
        var fromPlain = _reader.Read(Sample, CancellationToken.None).Select(r => (r.SourceLine, r.BilledCost)).ToList();

        Assert.Equal(1000, fromGzip.Count);
        Assert.Equal(fromPlain, fromGzip);
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.95)]
    [InlineData(0.99)]
    public void Read_GzipCutShort_IsRejectedAsTruncated(double keep)
    {
        var bytes = Gzip(File.ReadAllBytes(Sample));
        var file = WriteBytes("cut.csv.gz", bytes[..(int)(bytes.Length * keep)]);

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(file, e.File);
        Assert.Contains("truncated", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public void Read_GzipCutInsideTrailer_IsRejectedAsTruncated(int cut)
    {
        var bytes = Gzip(File.ReadAllBytes(Sample));
        var file = WriteBytes("cut.csv.gz", bytes[..^cut]);

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Contains("truncated", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8)] // first byte of the CRC-32
    [InlineData(5)] // last byte of the CRC-32
    [InlineData(2)] // the length
    public void Read_GzipWithWrongTrailer_IsRejected(int fromEnd)
    {
        var bytes = Gzip(File.ReadAllBytes(Sample));
        bytes[^fromEnd] ^= 0x5A;
        var file = WriteBytes("badcrc.csv.gz", bytes);

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Contains("CRC-32", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GzipWithCorruptDeflateData_IsRejected()
    {
        var bytes = Gzip(File.ReadAllBytes(Sample));
        for (var i = bytes.Length / 2; i < (bytes.Length / 2) + 64; i++)
        {
            bytes[i] = 0xFF;
        }

        var file = WriteBytes("corrupt.csv.gz", bytes);

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(file, e.File);
        Assert.Contains("gzip member 1", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MultiMemberGzip_ReadsEveryMember()
    {
        var csv = FocusCsv.Lines(FocusCsv.MinimalHeader, FocusCsv.MinimalRow, "2024-09-19,2.5,2.5,USD,Usage,AWS", "2024-09-20,4,4,USD,Usage,AWS");
        var bytes = System.Text.Encoding.UTF8.GetBytes(csv);
        var split = csv.IndexOf("2024-09-19", StringComparison.Ordinal) + 3; // members need not end at a line break
        var file = WriteBytes("multi.csv.gz", [.. Gzip(bytes[..split]), .. Gzip(bytes[split..]), .. Gzip([])]);

        var rows = _reader.Read(file, CancellationToken.None).Select(r => r.BilledCost).ToList();

        Assert.Equal([1.25m, 2.5m, 4m], rows);
    }

    [Fact]
    public void Read_MultiMemberGzipWithLastMemberCut_IsRejected()
    {
        var sample = File.ReadAllBytes(Sample);
        var second = Gzip(sample[(sample.Length / 2)..]);
        var file = WriteBytes("multicut.csv.gz", [.. Gzip(sample[..(sample.Length / 2)]), .. second[..(second.Length / 2)]]);

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Contains("gzip member 2", e.Problem, StringComparison.Ordinal);
        Assert.Contains("truncated", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GzipWithBytesAfterTheLastMember_IsRejected()
    {
        var file = WriteBytes("garbage.csv.gz", [.. Gzip(File.ReadAllBytes(Sample)), 1, 2, 3]);

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Contains("not gzip data", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GzipWithNameAndCommentInHeader_IsRead()
    {
        // FLG = FNAME | FCOMMENT | FEXTRA | FHCRC, as gzip -N and some exporters write it.
        var plain = Gzip(System.Text.Encoding.UTF8.GetBytes(FocusCsv.Lines(FocusCsv.MinimalHeader, FocusCsv.MinimalRow)));
        byte[] header = [0x1F, 0x8B, 8, 0x1E, 0, 0, 0, 0, 0, 3, 2, 0, (byte)'x', (byte)'y', (byte)'a', (byte)'.', (byte)'c', 0, (byte)'c', 0, 0xAB, 0xCD];
        var file = WriteBytes("named.csv.gz", [.. header, .. plain[10..]]);

        var r = Assert.Single(_reader.Read(file, CancellationToken.None));

        Assert.Equal(1.25m, r.BilledCost);
    }

    public void Dispose() => _folder.Dispose();

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        var file = _folder.Combine(name);
        File.WriteAllBytes(file, bytes);
        return file;
    }
}
