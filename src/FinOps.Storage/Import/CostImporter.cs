using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using FinOps.Core.Ingestion;
using FinOps.Storage.Costs;
using FinOps.Storage.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace FinOps.Storage.Import;

/// <summary>Imports FOCUS files into the store: all-or-nothing per file, slices replaced, same file twice a no-op.</summary>
/// <remarks>
/// A billing slice is (provider, billing account id, billing period start). The first file of a run that
/// holds a slice deletes what earlier runs stored for it; later files of the same run (parts of one
/// export) add to it. A file whose bytes were imported before, and whose slices still belong to that
/// import, is skipped as unchanged. Each file is one transaction: a failure leaves the store as it was.
/// The SHA-256 that recognises the same bytes is computed on a second thread from the start (overlapping the store's
/// migrations); the rows are read only after it when an import of the same size is on record, and alongside it otherwise.
/// </remarks>
public sealed partial class CostImporter : IDisposable
{
    private const string Imported = "imported";

    private readonly CostDatabase _database;
    private readonly IFocusFileReader _reader;
    private readonly SqliteCostStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<CostImporter> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public CostImporter(CostDatabase database, IFocusFileReader reader, SqliteCostStore store, TimeProvider timeProvider, ILogger<CostImporter> logger)
    {
        _database = database;
        _reader = reader;
        _store = store;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Imports the files in order (paths already expanded). Imports run one at a time.</summary>
    public async Task<ImportReport> ImportAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var replacedInRun = new HashSet<int>();
            var results = new List<FileImportResult>(files.Count);
            try
            {
                foreach (var file in files)
                {
                    results.Add(await ImportFileAsync(Path.GetFullPath(file), replacedInRun, cancellationToken));
                }
            }
            finally
            {
                if (results.Any(r => r.Status == ImportStatus.Imported))
                {
                    _store.Invalidate();
                }
            }

            return new ImportReport(results);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Every recorded import attempt, newest first.</summary>
    public async Task<IReadOnlyList<ImportHistoryEntry>> GetImportHistoryAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, FilePath, Sha256, Status, Rows, Facts, Periods, Currencies, Warnings, Error, ImportedAt FROM Imports ORDER BY Id DESC";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var history = new List<ImportHistoryEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            history.Add(new ImportHistoryEntry(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3) == Imported ? ImportStatus.Imported : ImportStatus.Failed,
                reader.GetInt64(4),
                reader.GetInt64(5),
                JsonSerializer.Deserialize<List<DateOnly>>(reader.GetString(6)) ?? [],
                JsonSerializer.Deserialize<List<string>>(reader.GetString(7)) ?? [],
                JsonSerializer.Deserialize<List<DataQualityWarning>>(reader.GetString(8)) ?? [],
                reader.IsDBNull(9) ? null : reader.GetString(9),
                new DateTimeOffset(reader.GetInt64(10), TimeSpan.Zero)));
        }

        return history;
    }

    /// <summary>Data-quality warnings of the imports whose data is still in the store, newest import first.</summary>
    public async Task<IReadOnlyList<ImportWarning>> GetWarningsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT Id, FilePath, ImportedAt, Warnings FROM Imports i WHERE Status = 'imported' " +
            "AND EXISTS (SELECT 1 FROM ImportSlices s WHERE s.ImportId = i.Id) ORDER BY Id DESC";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var warnings = new List<ImportWarning>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var at = new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero);
            foreach (var warning in JsonSerializer.Deserialize<List<DataQualityWarning>>(reader.GetString(3)) ?? [])
            {
                warnings.Add(new ImportWarning(reader.GetInt64(0), reader.GetString(1), at, warning));
            }
        }

        return warnings;
    }

    private async Task<FileImportResult> ImportFileAsync(string path, HashSet<int> replacedInRun, CancellationToken cancellationToken)
    {
        long bytes;
        try
        {
            bytes = new FileInfo(path).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return await FailAsync(path, string.Empty, null, $"{path}: {ex.Message}", null, null, cancellationToken);
        }

        // Hashing starts at once, on another core: it overlaps the store's start (migrations) and then the reading of the rows.
        using var stopHashing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var hashing = Task.Run(() => HashAsync(path, stopHashing.Token), stopHashing.Token);
        try
        {
            await using var connection = await _database.OpenConnectionAsync(cancellationToken);
            if (await MayHaveBeenImportedAsync(connection, bytes, cancellationToken))
            {
                // An import of the same size is on record: wait for the hash, so that the same bytes are skipped without reading them as FOCUS.
                string hash;
                try
                {
                    hash = await hashing;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return await FailAsync(path, string.Empty, bytes, $"{path}: {ex.Message}", null, null, cancellationToken);
                }

                if (await FindCurrentImportAsync(connection, hash, cancellationToken) is { } unchanged)
                {
                    LogUnchanged(path);
                    return unchanged with { File = path };
                }
            }

            // Otherwise no import has this size, so these bytes are new: the hash is needed only for the record, at the end.
            return await ImportRowsAsync(connection, path, bytes, hashing, replacedInRun, cancellationToken);
        }
        finally
        {
            await stopHashing.CancelAsync();
            await hashing.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task<FileImportResult> ImportRowsAsync(
        SqliteConnection connection, string path, long bytes, Task<string> hashing, HashSet<int> replacedInRun, CancellationToken cancellationToken)
    {
        var analyzer = new DataQualityAnalyzer();
        long rows = 0;
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            var importId = await InsertImportAsync(connection, transaction, path, bytes, cancellationToken);
            using var batch = new ImportBatch(connection, transaction, importId, replacedInRun);
            foreach (var record in ReadAhead.Read(_reader, path, cancellationToken))
            {
                analyzer.Observe(record);
                batch.Add(record);
                rows++;
            }

            batch.Flush();
            var warnings = analyzer.Warnings();
            var periods = batch.Periods.ToList();
            var currencies = batch.Currencies.ToList();
            var hash = await hashing;
            await using (var update = connection.CreateCommand())
            {
                update.Transaction = transaction;
                update.CommandText = "UPDATE Imports SET Sha256 = $h, Rows = $r, Facts = $f, Slices = $s, Periods = $p, Currencies = $c, Warnings = $w WHERE Id = $id";
                update.Parameters.AddWithValue("$h", hash);
                update.Parameters.AddWithValue("$r", rows);
                update.Parameters.AddWithValue("$f", batch.FactsWritten);
                update.Parameters.AddWithValue("$s", batch.SliceCount);
                update.Parameters.AddWithValue("$p", JsonSerializer.Serialize(periods));
                update.Parameters.AddWithValue("$c", JsonSerializer.Serialize(currencies));
                update.Parameters.AddWithValue("$w", JsonSerializer.Serialize(warnings));
                update.Parameters.AddWithValue("$id", importId);
                await update.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            replacedInRun.UnionWith(batch.Replaced);
            LogImported(path, rows, batch.FactsWritten, warnings.Count);
            return new FileImportResult(path, ImportStatus.Imported, rows, batch.FactsWritten, periods, currencies, warnings);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            var (message, line, column) = ex is FocusFormatException format
                ? (format.Message, format.Line, format.Column)
                : ($"{path}: {ex.Message}", (long?)null, (string?)null);
            if (ex is FocusFormatException)
            {
                // Bad input, not a bug: the message names file, line and column; a stack trace adds nothing.
                LogRejected(path, message);
            }
            else
            {
                LogFailed(ex, path);
            }

            return await FailAsync(path, await HashOrEmptyAsync(hashing), bytes, message, line, column, cancellationToken);
        }
    }

    /// <summary>Whether an import of a file this size is on record (or one from before sizes were kept).</summary>
    private static async Task<bool> MayHaveBeenImportedAsync(SqliteConnection connection, long bytes, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM Imports WHERE Status = 'imported' AND (Bytes IS NULL OR Bytes = $b))";
        command.Parameters.AddWithValue("$b", bytes);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) != 0;
    }

    /// <summary>The file's hash for the record of a failed import, or empty when hashing failed too.</summary>
    private static async Task<string> HashOrEmptyAsync(Task<string> hashing)
    {
        try
        {
            return await hashing;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private async Task<FileImportResult> FailAsync(string path, string hash, long? bytes, string message, long? line, string? column, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.CommandText =
            "INSERT INTO Imports (FilePath, Sha256, Bytes, Status, Rows, Facts, Slices, Periods, Currencies, Warnings, Error, ImportedAt) " +
            "VALUES ($f, $h, $b, 'failed', 0, 0, 0, '[]', '[]', '[]', $e, $t)";
        insert.Parameters.AddWithValue("$f", path);
        insert.Parameters.AddWithValue("$h", hash);
        insert.Parameters.AddWithValue("$b", bytes is { } size ? size : DBNull.Value);
        insert.Parameters.AddWithValue("$e", message);
        insert.Parameters.AddWithValue("$t", _timeProvider.GetUtcNow().UtcTicks);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return new FileImportResult(path, ImportStatus.Failed, 0, 0, [], [], [], message, line, column);
    }

    /// <summary>Records the import at its start; the hash and what the file held are filled in before the commit.</summary>
    private async Task<long> InsertImportAsync(SqliteConnection connection, SqliteTransaction transaction, string path, long bytes, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            "INSERT INTO Imports (FilePath, Sha256, Bytes, Status, Rows, Facts, Slices, Periods, Currencies, Warnings, ImportedAt) " +
            "VALUES ($f, '', $b, $s, 0, 0, 0, '[]', '[]', '[]', $t) RETURNING Id";
        insert.Parameters.AddWithValue("$f", path);
        insert.Parameters.AddWithValue("$b", bytes);
        insert.Parameters.AddWithValue("$s", Imported);
        insert.Parameters.AddWithValue("$t", _timeProvider.GetUtcNow().UtcTicks);
        return Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>The earlier import of the same bytes when every slice it wrote still belongs to it.</summary>
    private static async Task<FileImportResult?> FindCurrentImportAsync(SqliteConnection connection, string hash, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT FilePath, Rows, Facts, Slices, Periods, Currencies, Warnings, " +
            "(SELECT COUNT(*) FROM ImportSlices s WHERE s.ImportId = i.Id) FROM Imports i " +
            "WHERE Sha256 = $h AND Status = 'imported' ORDER BY Id DESC LIMIT 1";
        command.Parameters.AddWithValue("$h", hash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.GetInt32(3) != reader.GetInt32(7))
        {
            return null;
        }

        return new FileImportResult(
            reader.GetString(0),
            ImportStatus.Unchanged,
            reader.GetInt64(1),
            reader.GetInt64(2),
            JsonSerializer.Deserialize<List<DateOnly>>(reader.GetString(4)) ?? [],
            JsonSerializer.Deserialize<List<string>>(reader.GetString(5)) ?? [],
            JsonSerializer.Deserialize<List<DataQualityWarning>>(reader.GetString(6)) ?? []);
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return Convert.ToHexStringLower(hash);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {File}: {Rows} rows into {Facts} daily facts, {Warnings} data-quality warnings")]
    private partial void LogImported(string file, long rows, long facts, int warnings);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped {File}: the same bytes were imported before and are current")]
    private partial void LogUnchanged(string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import of {File} rejected; the store is unchanged for it: {Problem}")]
    private partial void LogRejected(string file, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import of {File} failed; the store is unchanged for it")]
    private partial void LogFailed(Exception exception, string file);
}
