namespace FinOps.Storage.Import;

/// <summary>Tells parts of one export from two versions of the same data, by the rows the files of one run hold.</summary>
/// <remarks>
/// Parts of one export split its rows: no row is in two parts. An original and its restatement, or the same data
/// saved twice (other line endings, CSV and Parquet), repeat most rows. A row is identified by everything the store
/// keeps of it (slice, charge period start and end, account, service, region, resource, charge and pricing category,
/// commitment, tags, currency) and its four amounts, so rows of a restatement that were not restated match their
/// original exactly, while two distinct line items of one export (other SKU, other hour, other amount) do not.
/// Two files conflict when, within a billing slice, at least half the rows of the smaller one repeat rows of the
/// other; files listed together in one export manifest are parts whatever their rows. Rows are kept as 32-bit
/// hashes: chance collisions are far too rare to reach half of a file. Runs of more than <see cref="SampleAbove"/>
/// bytes keep one row in 16, chosen by hash (so a row and its repeat are both kept or both not): the share of repeats
/// is measured as well from a sample of 60,000 rows or more, and memory stays a few MB per million rows.
/// </remarks>
internal sealed class RunOverlap
{
    internal const long SampleAbove = 16L << 20;
    private readonly int _sampleMask;
    private readonly IReadOnlyList<string> _files;
    private readonly ExportManifests _manifests;
    private readonly Dictionary<int, Dictionary<int, int>> _rowsBySlice = [];
    private readonly Dictionary<(int File, int Slice), long> _rowCounts = [];
    private readonly Dictionary<(int File, int Slice), long> _sampledCounts = [];
    private readonly Dictionary<(int Earlier, int Slice), (long Rows, long FirstLine)> _repeats = [];
    private int _file = -1;
    private int _lastSlice = -1;
    private Dictionary<int, int>? _lastRows;

    public RunOverlap(IReadOnlyList<string> files, ExportManifests manifests, long totalBytes)
    {
        _files = files;
        _manifests = manifests;
        _sampleMask = totalBytes > SampleAbove ? 15 : 0;
    }

    public void BeginFile(int file)
    {
        _file = file;
        _repeats.Clear();
        (_lastSlice, _lastRows) = (-1, null);
    }

    public void Observe(int slice, int rowHash, long line)
    {
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_rowCounts, (_file, slice), out _)++;
        if ((rowHash & _sampleMask) != 0)
        {
            return;
        }

        if (slice != _lastSlice)
        {
            if (!_rowsBySlice.TryGetValue(slice, out _lastRows))
            {
                _lastRows = [];
                _rowsBySlice[slice] = _lastRows;
            }

            _lastSlice = slice;
        }

        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_sampledCounts, (_file, slice), out _)++;
        if (!_lastRows!.TryAdd(rowHash, _file))
        {
            var earlier = _lastRows[rowHash];
            if (earlier != _file)
            {
                ref var repeat = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_repeats, (earlier, slice), out var seen);
                repeat = (repeat.Rows + 1, seen ? repeat.FirstLine : line);
            }
        }
    }

    /// <summary>The earlier file of this run that the current file repeats, if any (checked once the file is read).</summary>
    public RunConflict? EndFile()
    {
        foreach (var ((earlier, slice), (rows, line)) in _repeats)
        {
            if (_manifests.AreParts(_files[earlier], _files[_file]))
            {
                continue;
            }

            var smaller = Math.Min(_sampledCounts[(earlier, slice)], _sampledCounts[(_file, slice)]);
            if (rows > 0 && rows * 2 >= smaller)
            {
                var all = _rowCounts[(_file, slice)];
                var repeated = Math.Min(all, rows * (_sampleMask + 1));
                return new RunConflict(earlier, _file, slice, repeated, all, line, Estimated: _sampleMask != 0);
            }
        }

        return null;
    }

    /// <summary>Forgets the rows of a file that failed (its data is not in the store).</summary>
    public void DiscardFile(int file)
    {
        foreach (var rows in _rowsBySlice.Values)
        {
            foreach (var (hash, owner) in rows)
            {
                if (owner == file)
                {
                    rows.Remove(hash);
                }
            }
        }

        foreach (var key in _rowCounts.Keys.Where(k => k.File == file).ToList())
        {
            _rowCounts.Remove(key);
            _sampledCounts.Remove(key);
        }
    }
}

/// <summary>Two files of one run that hold the same rows of a slice: <see cref="Repeated"/> of the later file's <see cref="Rows"/> (estimated from a sample of rows when <see cref="Estimated"/>).</summary>
internal sealed record RunConflict(int Earlier, int Later, int Slice, long Repeated, long Rows, long FirstLine, bool Estimated = false);
