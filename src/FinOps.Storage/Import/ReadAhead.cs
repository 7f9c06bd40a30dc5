using System.Runtime.ExceptionServices;
using FinOps.Core.Focus;
using FinOps.Core.Ingestion;

namespace FinOps.Storage.Import;

/// <summary>
/// Parses a file on a worker thread while the caller's thread aggregates and writes the rows: parsing and
/// writing take similar time, so the import runs on two cores (the benchmarks showed each about half of an import).
/// </summary>
/// <remarks>
/// The caller sees the same rows in the same order, and the reader's exception (a <see cref="FocusFormatException"/>,
/// an I/O error) rethrown as it was, after the rows read before it. Memory stays bounded: at most
/// <see cref="Chunks"/> chunks of <see cref="ChunkSize"/> rows wait. Records are immutable, so handing them over is safe.
/// When the caller stops early (an error on its side, or disposal) the worker is cancelled and awaited before returning.
/// </remarks>
internal static class ReadAhead
{
    // The consumer waits for the parser (the critical path) at most once per chunk; rows waiting in chunks outlive a gen0
    // collection, so more of them cost memory.
    internal const int ChunkSize = 2_048;
    internal const int Chunks = 4;

    public static IEnumerable<FocusRecord> Read(IFocusFileReader reader, string path, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = new Handoff(Chunks);
        using var wake = stop.Token.Register(queue.Wake);
        var worker = Task.Factory.StartNew(
            () => Produce(reader, path, queue, stop.Token),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            while (queue.Take(cancellationToken) is { } chunk)
            {
                foreach (var record in chunk)
                {
                    yield return record;
                }
            }

            worker.GetAwaiter().GetResult()?.Throw();
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            stop.Cancel();
            worker.GetAwaiter().GetResult();
        }
    }

    private static ExceptionDispatchInfo? Produce(IFocusFileReader reader, string path, Handoff queue, CancellationToken stop)
    {
        var chunk = new FocusRecord[ChunkSize];
        var count = 0;
        try
        {
            foreach (var record in reader.Read(path, FocusReadOptions.CostStore, stop))
            {
                chunk[count++] = record;
                if (count == ChunkSize)
                {
                    // Handed over whole: the consumer owns the array, the next rows go into a new one (no copy).
                    queue.Add(chunk, stop);
                    chunk = new FocusRecord[ChunkSize];
                    count = 0;
                }
            }

            if (count > 0)
            {
                queue.Add(chunk[..count], stop);
            }

            return null;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The caller stopped reading or was cancelled; it reports that itself.
            return null;
        }
        catch (Exception ex)
        {
            // Hand over the rows read before the failure first, as a plain enumeration would have.
            if (count > 0 && !stop.IsCancellationRequested)
            {
                try
                {
                    queue.Add(chunk[..count], stop);
                }
                catch (OperationCanceledException)
                {
                    // The caller stopped meanwhile: nobody will read those rows.
                }
            }

            return ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            queue.Complete();
        }
    }

    /// <summary>
    /// A bounded queue of chunks between the two threads whose waits block at once. BlockingCollection's waits spin first:
    /// the roll-up thread, faster than the parser, spun at every chunk and took CPU time from the parser on two cores.
    /// </summary>
    private sealed class Handoff(int capacity)
    {
        private readonly Queue<FocusRecord[]> _chunks = new(capacity);
        private readonly object _gate = new();
        private bool _completed;

        public void Add(FocusRecord[] chunk, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                while (_chunks.Count >= capacity)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Monitor.Wait(_gate);
                }

                cancellationToken.ThrowIfCancellationRequested();
                _chunks.Enqueue(chunk);
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>The next chunk, or null when the producer is done and every chunk was taken.</summary>
        public FocusRecord[]? Take(CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                while (_chunks.Count == 0 && !_completed)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Monitor.Wait(_gate);
                }

                if (_chunks.Count == 0)
                {
                    return null;
                }

                var chunk = _chunks.Dequeue();
                Monitor.PulseAll(_gate);
                return chunk;
            }
        }

        public void Complete()
        {
            lock (_gate)
            {
                _completed = true;
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>Wakes every waiter, so that a cancelled one sees its token.</summary>
        public void Wake()
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }
}
