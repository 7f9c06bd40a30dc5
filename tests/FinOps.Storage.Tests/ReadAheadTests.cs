using FinOps.Core.Focus;
using FinOps.Core.Ingestion;
using FinOps.Storage.Import;

namespace FinOps.Storage.Tests;

/// <summary>The parser thread hands rows to the roll-up in chunks: same rows, same order, the reader's error after the rows before it.</summary>
public sealed class ReadAheadTests
{
    private const string File = "/exports/part-1.csv";

    // More rows than the queue holds (Chunks x ChunkSize), and a last chunk that is not full.
    private static readonly int ManyRows = (ReadAhead.ChunkSize * (ReadAhead.Chunks + 3)) + 17;

    [Fact]
    public void Read_MoreRowsThanTheQueueHolds_YieldsEveryRowInOrder()
    {
        var (reader, records) = Serve(ManyRows, failAt: null);

        var read = ReadAhead.Read(reader, Path.GetFullPath(File), CancellationToken.None).ToList();

        Assert.Equal(records.Count, read.Count);
        Assert.True(records.SequenceEqual(read), "the rows must come out as the reader gave them, in order");
    }

    [Fact]
    public void Read_ReaderFailsAfterSomeChunks_YieldsTheRowsBeforeThenRethrowsItsError()
    {
        var failAt = (ReadAhead.ChunkSize * 2) + 5;
        var (reader, records) = Serve(ManyRows, failAt);
        var read = new List<FocusRecord>();

        var e = Assert.Throws<FocusFormatException>(() =>
        {
            foreach (var record in ReadAhead.Read(reader, Path.GetFullPath(File), CancellationToken.None))
            {
                read.Add(record);
            }
        });

        Assert.Equal(failAt + 2, e.Line);
        Assert.True(records.Take(failAt).SequenceEqual(read), $"{read.Count} rows before the error, expected {failAt}");
    }

    [Fact]
    public void Read_ConsumerStopsEarlyWhileTheParserWaitsOnAFullQueue_ReturnsWithoutHanging()
    {
        var (reader, records) = Serve(ManyRows, failAt: null);

        // The parser fills the queue and waits for room; the consumer stops after one row. Disposing the enumerator
        // cancels and awaits the parser: a wait that does not wake would hang this test.
        var first = ReadAhead.Read(reader, Path.GetFullPath(File), CancellationToken.None).First();

        Assert.Same(records[0], first);
    }

    [Fact]
    public void Read_CancelledWhileWaitingForTheParser_ThrowsOperationCanceled()
    {
        using var cancel = new CancellationTokenSource();
        var reader = new BlockingReader(cancel);

        Assert.ThrowsAny<OperationCanceledException>(() => ReadAhead.Read(reader, Path.GetFullPath(File), cancel.Token).ToList());
    }

    private static (FakeFocusFileReader Reader, List<FocusRecord> Records) Serve(int rows, int? failAt)
    {
        var records = Enumerable.Range(0, rows)
            .Select(i => FakeFocusFileReader.Row("2026-01-10", i, resourceId: $"i-{i}"))
            .ToList();
        var reader = new FakeFocusFileReader();
        reader.Serve(File, records, failAt);
        return (reader, records);
    }

    /// <summary>Yields one row, then cancels the caller's token and produces nothing more until it is cancelled itself.</summary>
    private sealed class BlockingReader(CancellationTokenSource cancel) : IFocusFileReader
    {
        public IEnumerable<FocusRecord> Read(string path, CancellationToken cancellationToken)
        {
            yield return FakeFocusFileReader.Row("2026-01-10", 1m);
            cancel.Cancel();
            cancellationToken.WaitHandle.WaitOne();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
