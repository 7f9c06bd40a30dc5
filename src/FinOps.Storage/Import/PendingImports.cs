using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace FinOps.Storage.Import;

/// <summary>One import attempt that could not be written to the history because another import held the write lock.</summary>
internal sealed record PendingImport(string FilePath, string Sha256, string Error, long ImportedAtTicks);

/// <summary>
/// History records of attempts that gave up waiting for the write lock, kept as JSON lines in
/// <c>&lt;database&gt;.pending-imports.jsonl</c> until the next run that holds the lock moves them into <c>Imports</c>.
/// </summary>
/// <remarks>A run first renames the file to a name of its own, so an attempt that gives up meanwhile starts a new file and is not lost.</remarks>
internal sealed class PendingImports : IDisposable
{
    private const string Suffix = ".pending-imports";
    private readonly List<string> _taken;
    private readonly List<PendingImport> _records;
    private bool _written;

    private PendingImports(List<string> taken, List<PendingImport> records)
    {
        _taken = taken;
        _records = records;
    }

    public static async Task AppendAsync(string databasePath, PendingImport record, CancellationToken cancellationToken) =>
        await File.AppendAllTextAsync(databasePath + Suffix + ".jsonl", JsonSerializer.Serialize(record) + "\n", cancellationToken);

    /// <summary>Every pending record (for the history), from the file and from files a run took but did not write yet.</summary>
    public static IReadOnlyList<PendingImport> Read(string databasePath) => [.. Files(databasePath).SelectMany(ReadFile)];

    /// <summary>Takes the pending records for this run (which holds the write lock).</summary>
    public static PendingImports Take(string databasePath)
    {
        var taken = new List<string>();
        var main = databasePath + Suffix + ".jsonl";
        if (File.Exists(main))
        {
            var mine = $"{databasePath}{Suffix}.{Guid.NewGuid():N}.jsonl";
            try
            {
                File.Move(main, mine);
            }
            catch (IOException)
            {
                // Another process took it first; its run writes the records.
            }
        }

        // Files taken by runs that rolled back are picked up too.
        taken.AddRange(Files(databasePath).Where(f => !string.Equals(f, main, StringComparison.Ordinal)));
        return new PendingImports(taken, [.. taken.SelectMany(ReadFile)]);
    }

    /// <summary>Inserts the records into <c>Imports</c> within the run's transaction.</summary>
    public async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var record in _records)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText =
                "INSERT INTO Imports (FilePath, Sha256, Bytes, Status, Rows, Facts, Slices, Periods, Currencies, Warnings, Error, ImportedAt) " +
                "VALUES ($f, $h, NULL, 'failed', 0, 0, 0, '[]', '[]', '[]', $e, $t)";
            insert.Parameters.AddWithValue("$f", record.FilePath);
            insert.Parameters.AddWithValue("$h", record.Sha256);
            insert.Parameters.AddWithValue("$e", record.Error);
            insert.Parameters.AddWithValue("$t", record.ImportedAtTicks);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The run committed: the records are in the history, their files can go.</summary>
    public void Written() => _written = true;

    public void Dispose()
    {
        if (!_written)
        {
            return;
        }

        foreach (var file in _taken)
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Left behind, its records would be written twice by a later run; deletion of a file we own rarely fails.
            }
        }
    }

    private static IEnumerable<string> Files(string databasePath)
    {
        var folder = Path.GetDirectoryName(databasePath)!;
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, Path.GetFileName(databasePath) + Suffix + "*.jsonl").Order(StringComparer.Ordinal)
            : [];
    }

    private static IEnumerable<PendingImport> ReadFile(string file)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (IOException)
        {
            yield break;
        }

        foreach (var line in lines.Where(l => l.Length > 0))
        {
            PendingImport? record;
            try
            {
                record = JsonSerializer.Deserialize<PendingImport>(line);
            }
            catch (JsonException)
            {
                // A line cut short by a crash: the attempt it recorded wrote nothing to the store.
                continue;
            }

            if (record is not null)
            {
                yield return record;
            }
        }
    }
}
