using System.Buffers;
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
/// holds a slice deletes what earlier runs stored for it; later files of the same run add to it when they are parts
/// of one export: listed together in an export manifest, or holding none of the same rows (<see cref="RunOverlap"/>).
/// Two files of a run that repeat each other's rows (an original and its restatement, the same data saved twice) are
/// both refused, and the rest of the run is imported without them. A run replacing a slice that an earlier run built
/// says so (<see cref="FileImportResult.Notices"/>). A file whose bytes were imported before, and whose slices still belong
/// to that import, is skipped as unchanged.
/// A run is one write transaction (each file in a savepoint, so a failing file leaves the others): it holds SQLite's
/// write lock from start to end. A run that finds the lock held by another import reports that it waits and waits up to
/// <see cref="CostDatabase.ImportLockTimeout"/>; when it gives up, its files are recorded as failed in the history all the same.
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
    public Task<ImportReport> ImportAsync(IReadOnlyList<string> files, CancellationToken cancellationToken) =>
        ImportAsync(files, null, cancellationToken);

    /// <summary>Imports the files in order (paths already expanded); <paramref name="progress"/> hears when the run waits for another import.</summary>
    public async Task<ImportReport> ImportAsync(IReadOnlyList<string> files, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var paths = files.Select(Path.GetFullPath).ToList();
            var refused = new Dictionary<int, FileImportResult>();
            var contested = new Dictionary<SliceKey, string>();
            IReadOnlyList<FileImportResult> results;
            while (true)
            {
                RunOutcome outcome;
                try
                {
                    outcome = await RunAsync(paths, refused, contested, progress, cancellationToken);
                }
                catch (ImportLockTimeoutException e)
                {
                    LogGaveUp(e.Message);
                    return new ImportReport(await RecordGivenUpAsync(paths, e.Message, cancellationToken));
                }

                if (outcome.Conflict is not { } conflict)
                {
                    results = outcome.Results;
                    break;
                }

                // Refuse both files and run again without them: nothing of either may stay in the store. Other files of the
                // run with rows of that slice are refused too: which version they belong with is for the user to say.
                refused[conflict.Earlier] = Refused(paths[conflict.Earlier], outcome.ConflictMessages.Earlier);
                refused[conflict.Later] = Refused(paths[conflict.Later], outcome.ConflictMessages.Later);
                contested[outcome.ConflictSlice!] = string.Create(
                    CultureInfo.InvariantCulture,
                    $"refused: it holds rows of {outcome.ConflictSlice}, for which this run has two files that repeat each other's rows " +
                    $"({paths[conflict.Earlier]} and {paths[conflict.Later]}). Import the current files of that billing period in a run of their own.");
                LogRejected(paths[conflict.Later], outcome.ConflictMessages.Later);
            }

            await RefreshStoreAsync(results, cancellationToken);
            return new ImportReport(results);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Imports the parts of one export run all or nothing: every part in one transaction, a failing part rejects the run
    /// (nothing of it is kept, the store keeps its previous data) and each part is recorded as failed in the history.
    /// </summary>
    /// <remarks>
    /// Parts are read even when the same bytes were imported before: a restated run may repeat some parts unchanged, and
    /// the first part that holds a slice replaces it, so every part must be added again. <paramref name="beforeCommit"/>
    /// runs in the import's transaction once all parts are in, so what the caller records (sync state) commits with the data.
    /// </remarks>
    internal async Task<ImportReport> ImportRunAsync(
        IReadOnlyList<string> parts, Func<ImportRunCommit, CancellationToken, Task> beforeCommit, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(beforeCommit);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var paths = parts.Select(Path.GetFullPath).ToList();
            RunOutcome outcome;
            try
            {
                outcome = await RunAsync(paths, [], new Dictionary<SliceKey, string>(), progress, beforeCommit, cancellationToken);
            }
            catch (ImportLockTimeoutException e)
            {
                LogGaveUp(e.Message);
                return new ImportReport(await RecordGivenUpAsync(paths, e.Message, cancellationToken));
            }

            if (outcome.Rejected)
            {
                return new ImportReport(await RecordRejectedRunAsync(paths, outcome.Results, cancellationToken));
            }

            await RefreshStoreAsync(outcome.Results, cancellationToken);
            return new ImportReport(outcome.Results);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Every recorded import attempt, newest first.</summary>
    /// <remarks>Attempts that gave up waiting for the write lock are kept beside the database until a run can write them; they are listed first.</remarks>
    public async Task<IReadOnlyList<ImportHistoryEntry>> GetImportHistoryAsync(CancellationToken cancellationToken)
    {
        var history = new List<ImportHistoryEntry>();
        foreach (var pending in PendingImports.Read(_database.DatabasePath).OrderByDescending(p => p.ImportedAtTicks))
        {
            history.Add(new ImportHistoryEntry(
                0, pending.FilePath, pending.Sha256, ImportStatus.Failed, 0, 0, [], [], [], pending.Error, new DateTimeOffset(pending.ImportedAtTicks, TimeSpan.Zero)));
        }

        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, FilePath, Sha256, Status, Rows, Facts, Periods, Currencies, Warnings, Error, ImportedAt FROM Imports ORDER BY Id DESC";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
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

    private async Task RefreshStoreAsync(IReadOnlyList<FileImportResult> results, CancellationToken cancellationToken)
    {
        if (results.Any(r => r.Status == ImportStatus.Imported))
        {
            _store.Invalidate();
            try
            {
                await _store.RefreshIfLoadedAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The import is committed; the next question retries the reload and meanwhile gets the old snapshot.
                LogRefreshFailed(e);
            }
        }
    }

    /// <summary>A rejected export run: nothing of it was kept; each part goes into the history as failed, the failing one with its own error.</summary>
    private async Task<List<FileImportResult>> RecordRejectedRunAsync(List<string> paths, IReadOnlyList<FileImportResult> attempted, CancellationToken cancellationToken)
    {
        var cause = attempted.FirstOrDefault(r => r.Status == ImportStatus.Failed);
        var results = new List<FileImportResult>(paths.Count);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await ImportLock.BeginAsync(connection, _database, null, LogWaiting, cancellationToken);
        for (var i = 0; i < paths.Count; i++)
        {
            if (i < attempted.Count && attempted[i].Status == ImportStatus.Failed)
            {
                await FailAsync(connection, transaction, paths[i], string.Empty, null, attempted[i].Error!, cancellationToken);
                results.Add(attempted[i]);
                continue;
            }

            var message = string.Create(
                CultureInfo.InvariantCulture,
                $"{paths[i]}: not imported: {cause?.File ?? "another part"} of the same export run was rejected, and a run is imported all or nothing.");
            results.Add(await FailAsync(connection, transaction, paths[i], string.Empty, null, message, cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    private static long TotalBytes(List<string> paths) => paths.Sum(p => File.Exists(p) ? new FileInfo(p).Length : 0);

    private static FileImportResult Refused(string path, string message) =>
        new(path, ImportStatus.Failed, 0, 0, [], [], [], message);

    /// <summary>One attempt at the whole run in one write transaction; stops at the first pair of files that repeat each other's rows.</summary>
    private Task<RunOutcome> RunAsync(
        List<string> paths, Dictionary<int, FileImportResult> refused, Dictionary<SliceKey, string> contested, IProgress<string>? progress,
        CancellationToken cancellationToken) =>
        RunAsync(paths, refused, contested, progress, null, cancellationToken);

    /// <summary>
    /// One attempt at the whole run in one write transaction. With <paramref name="exportRun"/> every file is a part of one
    /// export: all parts are read, and the first failing part rolls the whole run back (<see cref="RunOutcome.Rejected"/>).
    /// </summary>
    private async Task<RunOutcome> RunAsync(
        List<string> paths, Dictionary<int, FileImportResult> refused, Dictionary<SliceKey, string> contested, IProgress<string>? progress,
        Func<ImportRunCommit, CancellationToken, Task>? exportRun, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await ImportLock.BeginAsync(connection, _database, progress, LogWaiting, cancellationToken);
        using var holder = ImportLock.Hold(_database.DatabasePath, paths.Count, _timeProvider);
        using var pending = PendingImports.Take(_database.DatabasePath);
        await pending.WriteAsync(connection, transaction, cancellationToken);

        // Parts of one export run are parts by the manifest that listed them: no row check between them.
        var overlap = exportRun is null && paths.Count - refused.Count > 1 ? new RunOverlap(paths, ExportManifests.Find(paths), TotalBytes(paths)) : null;
        var lastDays = exportRun is null ? null : new Dictionary<int, int>();
        var replacedInRun = new HashSet<int>();
        var results = new List<FileImportResult>(paths.Count);
        var skipped = new Dictionary<int, HashSet<int>>();
        HashSet<int> owned = [];
        for (var i = 0; i < paths.Count; i++)
        {
            if (refused.TryGetValue(i, out var refusal))
            {
                await FailAsync(connection, transaction, paths[i], string.Empty, null, refusal.Error!, cancellationToken);
                results.Add(refusal);
                continue;
            }

            overlap?.BeginFile(i);
            owned.Clear();
            var result = await ImportFileAsync(connection, transaction, paths[i], replacedInRun, overlap, contested, lastDays, cancellationToken, owned: owned);
            if (exportRun is not null && result.Status == ImportStatus.Failed)
            {
                results.Add(result);
                await transaction.RollbackAsync(CancellationToken.None);
                return new RunOutcome(results, null, default, null) { Rejected = true };
            }

            if (result.Status == ImportStatus.Imported && overlap?.EndFile() is { } conflict)
            {
                var (slice, messages) = await DescribeConflictAsync(connection, transaction, paths, conflict, cancellationToken);
                await transaction.RollbackAsync(CancellationToken.None);
                return new RunOutcome(results, conflict, messages, slice);
            }

            if (result.Status == ImportStatus.Failed)
            {
                overlap?.DiscardFile(i);
            }

            if (result.Status == ImportStatus.Unchanged)
            {
                skipped[i] = owned;
                owned = [];
            }

            results.Add(result);
        }

        // A file skipped as unchanged kept its rows only as long as its slices did: when a later file of this run replaced
        // one of them (a restated export whose other part did not change), it is read again and adds to the new slice.
        // Reading it may replace another slice it shares with a file skipped too, so until none is left.
        while (skipped.FirstOrDefault(s => s.Value.Overlaps(replacedInRun)) is { Value: not null } stale)
        {
            var i = stale.Key;
            skipped.Remove(i);
            overlap?.BeginFile(i);
            var result = await ImportFileAsync(connection, transaction, paths[i], replacedInRun, overlap, contested, lastDays, cancellationToken, reread: true);
            if (result.Status == ImportStatus.Imported && overlap?.EndFile() is { } conflict)
            {
                var (slice, messages) = await DescribeConflictAsync(connection, transaction, paths, conflict, cancellationToken);
                await transaction.RollbackAsync(CancellationToken.None);
                return new RunOutcome(results, conflict, messages, slice);
            }

            if (result.Status == ImportStatus.Failed)
            {
                overlap?.DiscardFile(i);
            }

            results[i] = result;
        }

        if (exportRun is not null)
        {
            var days = await DescribeLastDaysAsync(connection, transaction, lastDays!, cancellationToken);
            await exportRun(new ImportRunCommit(connection, transaction, results, days), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        pending.Written();
        return new RunOutcome(results, null, default, null);
    }

    /// <summary>The latest charge day the run stored per billing slice, with the slice's provider, account and period.</summary>
    private static async Task<List<SliceLastDay>> DescribeLastDaysAsync(
        SqliteConnection connection, SqliteTransaction transaction, Dictionary<int, int> lastDays, CancellationToken cancellationToken)
    {
        var days = new List<SliceLastDay>(lastDays.Count);
        foreach (var (sliceId, day) in lastDays)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                "SELECT p.Value, a.Value, s.BillingPeriodStart FROM BillingSlices s " +
                "JOIN DimensionValues p ON p.Id = s.ProviderRef JOIN DimensionValues a ON a.Id = s.BillingAccountIdRef WHERE s.Id = $s";
            command.Parameters.AddWithValue("$s", sliceId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                days.Add(new SliceLastDay(
                    reader.GetString(0),
                    reader.GetString(1),
                    DateOnly.ParseExact(reader.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    new DateOnly(day / 10000, day / 100 % 100, day % 100)));
            }
        }

        return days;
    }

    private static async Task<(SliceKey Slice, (string Earlier, string Later) Messages)> DescribeConflictAsync(
        SqliteConnection connection, SqliteTransaction transaction, List<string> paths, RunConflict conflict, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "SELECT p.Value, a.Value, s.BillingPeriodStart FROM BillingSlices s " +
            "JOIN DimensionValues p ON p.Id = s.ProviderRef JOIN DimensionValues a ON a.Id = s.BillingAccountIdRef WHERE s.Id = $s";
        command.Parameters.AddWithValue("$s", conflict.Slice);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"Billing slice {conflict.Slice} of this run is not in the store.");
        }

        var slice = new SliceKey(reader.GetString(0), reader.GetString(1), DateOnly.ParseExact(reader.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var (earlier, later) = (paths[conflict.Earlier], paths[conflict.Later]);
        var line = conflict.FirstLine > 0 ? string.Create(CultureInfo.InvariantCulture, $" (the first at line {conflict.FirstLine})") : string.Empty;
        var why = "They look like an original and its restatement, or the same data saved twice, not parts of one export " +
            "(parts share no rows, or are listed together in the export's manifest). Neither file was imported; import only the current one.";
        return (slice, (
            string.Create(CultureInfo.InvariantCulture, $"{earlier}: refused: {later} repeats its rows of {slice}. {why}"),
            string.Create(CultureInfo.InvariantCulture, $"{later}: refused: {(conflict.Estimated ? "about " : "")}{conflict.Repeated:N0} of its {conflict.Rows:N0} rows of {slice} repeat rows of {earlier}{line}. {why}")));
    }

    /// <summary>The run could not get the write lock: each file is recorded as failed beside the database (written into the history by the next run).</summary>
    private async Task<List<FileImportResult>> RecordGivenUpAsync(List<string> paths, string message, CancellationToken cancellationToken)
    {
        var at = _timeProvider.GetUtcNow().UtcTicks;
        var results = new List<FileImportResult>(paths.Count);
        foreach (var path in paths)
        {
            await PendingImports.AppendAsync(_database.DatabasePath, new PendingImport(path, string.Empty, message, at), cancellationToken);
            results.Add(Refused(path, $"{path}: {message}"));
        }

        return results;
    }

    /// <param name="owned">For a file skipped as unchanged: filled with the slices its earlier import holds.</param>
    /// <param name="reread">Read the rows even when the same bytes were imported before.</param>
    private async Task<FileImportResult> ImportFileAsync(
        SqliteConnection connection, SqliteTransaction transaction, string path, HashSet<int> replacedInRun, RunOverlap? overlap,
        IReadOnlyDictionary<SliceKey, string> contested, Dictionary<int, int>? lastDays, CancellationToken cancellationToken,
        HashSet<int>? owned = null, bool reread = false)
    {
        long bytes;
        try
        {
            bytes = new FileInfo(path).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return await FailAsync(connection, transaction, path, string.Empty, null, $"{path}: {ex.Message}", cancellationToken);
        }

        // Hashing starts at once, on another core: it overlaps the reading of the rows.
        using var stopHashing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var hashing = Task.Factory.StartNew(() => Hash(path, stopHashing.Token), stopHashing.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            // Parts of an export run (lastDays kept) are always read: see ImportRunAsync.
            if (lastDays is null && !reread && await MayHaveBeenImportedAsync(connection, transaction, bytes, cancellationToken))
            {
                // An import of the same size is on record: wait for the hash, so that the same bytes are skipped without reading them as FOCUS.
                string hash;
                try
                {
                    hash = await hashing;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return await FailAsync(connection, transaction, path, string.Empty, bytes, $"{path}: {ex.Message}", cancellationToken);
                }

                if (await FindCurrentImportAsync(connection, transaction, hash, owned, cancellationToken) is { } unchanged)
                {
                    LogUnchanged(path);
                    return unchanged with { File = path };
                }
            }

            // Otherwise no import has this size, so these bytes are new: the hash is needed only for the record, at the end.
            return await ImportRowsAsync(connection, transaction, path, bytes, hashing, replacedInRun, overlap, contested, lastDays, cancellationToken);
        }
        finally
        {
            await stopHashing.CancelAsync();
            await hashing.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task<FileImportResult> ImportRowsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string path, long bytes, Task<string> hashing, HashSet<int> replacedInRun, RunOverlap? overlap,
        IReadOnlyDictionary<SliceKey, string> contested, Dictionary<int, int>? lastDays, CancellationToken cancellationToken)
    {
        const string savepoint = "file";
        var analyzer = new DataQualityAnalyzer();
        long rows = 0;
        await transaction.SaveAsync(savepoint, cancellationToken);
        try
        {
            var importId = await InsertImportAsync(connection, transaction, path, bytes, cancellationToken);
            using var batch = new ImportBatch(connection, transaction, importId, replacedInRun, overlap, contested, lastDays);
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

            await transaction.ReleaseAsync(savepoint, cancellationToken);
            replacedInRun.UnionWith(batch.Replaced);
            LogImported(path, rows, batch.FactsWritten, warnings.Count);
            foreach (var notice in batch.Notices)
            {
                LogNotice(path, notice);
            }

            return new FileImportResult(path, ImportStatus.Imported, rows, batch.FactsWritten, periods, currencies, warnings, Notices: [.. batch.Notices]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await transaction.RollbackAsync(savepoint, CancellationToken.None);
            await transaction.ReleaseAsync(savepoint, CancellationToken.None);
            var (message, line, column) = ex is FocusFormatException format
                ? (format.Message, format.Line, format.Column)
                : ($"{path}: {ex.Message}", (long?)null, (string?)null);
            if (ex is FocusFormatException or ContestedSliceException)
            {
                // Bad input, not a bug: the message names file, line and column; a stack trace adds nothing.
                LogRejected(path, message);
            }
            else
            {
                LogFailed(ex, path);
            }

            var failed = await FailAsync(connection, transaction, path, await HashOrEmptyAsync(hashing), bytes, message, cancellationToken);
            return failed with { ErrorLine = line, ErrorColumn = column };
        }
    }

    /// <summary>Whether an import of a file this size is on record (or one from before sizes were kept).</summary>
    private static async Task<bool> MayHaveBeenImportedAsync(SqliteConnection connection, SqliteTransaction transaction, long bytes, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
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

    private async Task<FileImportResult> FailAsync(
        SqliteConnection connection, SqliteTransaction transaction, string path, string hash, long? bytes, string message, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            "INSERT INTO Imports (FilePath, Sha256, Bytes, Status, Rows, Facts, Slices, Periods, Currencies, Warnings, Error, ImportedAt) " +
            "VALUES ($f, $h, $b, 'failed', 0, 0, 0, '[]', '[]', '[]', $e, $t)";
        insert.Parameters.AddWithValue("$f", path);
        insert.Parameters.AddWithValue("$h", hash);
        insert.Parameters.AddWithValue("$b", bytes is { } size ? size : DBNull.Value);
        insert.Parameters.AddWithValue("$e", message);
        insert.Parameters.AddWithValue("$t", _timeProvider.GetUtcNow().UtcTicks);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return new FileImportResult(path, ImportStatus.Failed, 0, 0, [], [], [], message);
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
    /// <param name="owned">Filled with the slices of that import, when it is current.</param>
    private static async Task<FileImportResult?> FindCurrentImportAsync(
        SqliteConnection connection, SqliteTransaction transaction, string hash, HashSet<int>? owned, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "SELECT FilePath, Rows, Facts, Slices, Periods, Currencies, Warnings, " +
            "(SELECT COUNT(*) FROM ImportSlices s WHERE s.ImportId = i.Id), Id FROM Imports i " +
            "WHERE Sha256 = $h AND Status = 'imported' ORDER BY Id DESC LIMIT 1";
        command.Parameters.AddWithValue("$h", hash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.GetInt32(3) != reader.GetInt32(7))
        {
            return null;
        }

        if (owned is not null)
        {
            await using var slices = connection.CreateCommand();
            slices.Transaction = transaction;
            slices.CommandText = "SELECT SliceId FROM ImportSlices WHERE ImportId = $i";
            slices.Parameters.AddWithValue("$i", reader.GetInt64(8));
            await using var sliceReader = await slices.ExecuteReaderAsync(cancellationToken);
            while (await sliceReader.ReadAsync(cancellationToken))
            {
                owned.Add(sliceReader.GetInt32(0));
            }
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

    /// <summary>The file's SHA-256, read with blocking reads on a thread of its own.</summary>
    /// <remarks>
    /// Asynchronous reads completed on pool threads, which then spun waiting for the next one: on two cores that spinning
    /// took CPU time from the parser, the import's critical path.
    /// </remarks>
    private static string Hash(string path, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                hash.AppendData(buffer, 0, read);
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {File}: {Rows} rows into {Facts} daily facts, {Warnings} data-quality warnings")]
    private partial void LogImported(string file, long rows, long facts, int warnings);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped {File}: the same bytes were imported before and are current")]
    private partial void LogUnchanged(string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import of {File} rejected; the store is unchanged for it: {Problem}")]
    private partial void LogRejected(string file, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import of {File}: {Notice}")]
    private partial void LogNotice(string file, string notice);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Imported, but reloading the cost snapshot failed; questions are answered from the previous snapshot until a reload succeeds")]
    private partial void LogRefreshFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    private partial void LogWaiting(string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import gave up; nothing was imported: {Problem}")]
    private partial void LogGaveUp(string problem);

    private sealed record RunOutcome(IReadOnlyList<FileImportResult> Results, RunConflict? Conflict, (string Earlier, string Later) ConflictMessages, SliceKey? ConflictSlice)
    {
        /// <summary>A part of an export run failed: the run was rolled back.</summary>
        public bool Rejected { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import of {File} failed; the store is unchanged for it")]
    private partial void LogFailed(Exception exception, string file);
}
