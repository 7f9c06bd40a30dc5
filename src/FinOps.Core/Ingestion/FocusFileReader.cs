using FinOps.Core.Focus;

namespace FinOps.Core.Ingestion;

/// <summary>Reads FOCUS exports: CSV (plain or gzip) and Parquet, every FOCUS version through <see cref="FocusColumnAliases"/>.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Parquet: a <c>.parquet</c> name or the <c>PAR1</c> magic bytes. Otherwise CSV.</item>
/// <item>Gzip: a file that starts with the gzip magic bytes (1F 8B) is decompressed, every member to its verified trailer
/// (<see cref="VerifiedGzipStream"/>): a cut or corrupt file is rejected, never read as a shorter one. A <c>.gz</c> name
/// without the magic bytes is rejected rather than parsed as binary garbage.</item>
/// <item>CSV text is strict UTF-8; every line ends with a line break (a last line without one means a cut file) and has
/// exactly as many fields as the header; column names are unique.</item>
/// <item>Values: BilledCost and EffectiveCost are both required; dates and amounts must lie within
/// <see cref="FocusLimits"/> and periods must not end before they start. Any violation is a
/// <see cref="FocusFormatException"/> naming file, line and column.</item>
/// <item>Cells: empty, white space and NULL (any case, quoted or not: a CSV reader does not tell) are null; numbers are invariant decimals, quoted or not, with or
/// without exponent; timestamps are ISO 8601 or "YYYY-MM-DD HH:MM:SS", with fractions and offsets (converted to UTC)
/// or date only, and are UTC when they carry no offset.</item>
/// <item>Rows are streamed: memory does not grow with the file (repeated strings and tag sets are shared through
/// bounded caches).</item>
/// </list>
/// </remarks>
public sealed class FocusFileReader : IFocusFileReader
{
    private static ReadOnlySpan<byte> GzipMagic => [0x1F, 0x8B];

    private static ReadOnlySpan<byte> ParquetMagic => "PAR1"u8;

    public IEnumerable<FocusRecord> Read(string path, CancellationToken cancellationToken) =>
        Read(path, FocusReadOptions.All, cancellationToken);

    public IEnumerable<FocusRecord> Read(string path, FocusReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"FOCUS file not found: {path}", path);
        }

        return ReadIterator(path, options, cancellationToken);
    }

    private static IEnumerable<FocusRecord> ReadIterator(string path, FocusReadOptions options, CancellationToken cancellationToken)
    {
        using var cursor = Open(path, options, cancellationToken);
        while (cursor.Next(cancellationToken) is { } record)
        {
            yield return record;
        }
    }

    private static Cursor Open(string path, FocusReadOptions options, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[4];
            var read = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
            stream.Position = 0;
            var start = magic[..read];

            if (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || start.SequenceEqual(ParquetMagic))
            {
                return new Cursor(new ParquetFocusCursor(path, stream, options, cancellationToken));
            }

            var gzip = start.StartsWith(GzipMagic);
            if (!gzip && path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                throw new FocusFormatException(path, null, null, "the file is named .gz but is not gzip-compressed.");
            }

            return new Cursor(new CsvFocusCursor(path, stream, gzip, options));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>One of the two cursors, so the iterator needs no interface between them.</summary>
    private sealed class Cursor : IDisposable
    {
        private readonly CsvFocusCursor? _csv;
        private readonly ParquetFocusCursor? _parquet;

        public Cursor(CsvFocusCursor csv) => _csv = csv;

        public Cursor(ParquetFocusCursor parquet) => _parquet = parquet;

        public FocusRecord? Next(CancellationToken cancellationToken) =>
            _csv is not null ? _csv.Next(cancellationToken) : _parquet!.Next(cancellationToken);

        public void Dispose()
        {
            _csv?.Dispose();
            _parquet?.Dispose();
        }
    }
}
