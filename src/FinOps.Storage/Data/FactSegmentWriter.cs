using Microsoft.Data.Sqlite;

namespace FinOps.Storage.Data;

/// <summary>Encodes fact segments and inserts them into <c>CostFactSegments</c> on one connection (and so inside its transaction).</summary>
internal sealed class FactSegmentWriter : IDisposable
{
    /// <summary>Most facts per segment: keeps the buffers of writing and reading a segment small (about 2 MB).</summary>
    public const int MaxFacts = 16_384;

    private readonly RawStatement _insert;
    private byte[] _buffer = [];

    public FactSegmentWriter(SqliteConnection connection) =>
        _insert = new RawStatement(connection, "INSERT INTO CostFactSegments (SliceId, Facts, Data) VALUES (?1, ?2, ?3)");

    public void Write(int sliceId, FactSegment segment)
    {
        var needed = FactSegmentCodec.MaxLength(segment.Count);
        if (_buffer.Length < needed)
        {
            _buffer = new byte[Math.Max(needed, _buffer.Length * 2)];
        }

        var length = FactSegmentCodec.Encode(segment, _buffer);
        _insert.Bind(1, sliceId);
        _insert.Bind(2, segment.Count);
        _insert.Bind(3, _buffer.AsSpan(0, length));
        _insert.Execute();
    }

    public void Dispose() => _insert.Dispose();
}
