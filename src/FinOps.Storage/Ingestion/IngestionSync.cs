using System.Globalization;
using FinOps.Storage.Data;
using FinOps.Storage.Import;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Storage.Ingestion;

/// <summary>Pulls new and changed export runs from the configured sources into the store.</summary>
/// <remarks>
/// For each source: list the location, find the runs by their manifests (<see cref="ExportRunCatalog"/>), and read only the
/// runs whose fingerprint (manifest and parts' ETags) is not on record in <c>IngestionRuns</c>. A run's parts are streamed to
/// a staging folder (bounded memory), then imported all or nothing in one transaction that also records the run, so a crash
/// at any point leaves either the whole run with its record or neither: the next sync imports it again, replacing its
/// billing slices as <c>import</c> does, never adding to them. A run with a missing, cut or corrupt part is rejected and
/// recorded with why; the store keeps its previous data, and the run is tried again only when it changes. A process killed
/// mid-run leaves its staging folder behind: each sync first removes the folders no running sync holds (<see cref="StagingArea"/>).
/// </remarks>
public sealed partial class IngestionSync : IDisposable
{
    private readonly IngestionOptions _options;
    private readonly CostDatabase _database;
    private readonly CostImporter _importer;
    private readonly IExportStoreFactory _stores;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<IngestionSync> _logger;
    /// <summary>Parts of a run downloaded at once: object stores serve one connection well below what a loopback or LAN link carries.</summary>
    private const int ParallelDownloads = 4;

    private readonly SemaphoreSlim _gate = new(1, 1);

    public IngestionSync(IOptions<IngestionOptions> options, CostDatabase database, CostImporter importer, TimeProvider timeProvider, ILogger<IngestionSync> logger)
        : this(options, database, importer, new ExportStoreFactory(), timeProvider, logger)
    {
    }

    internal IngestionSync(
        IOptions<IngestionOptions> options, CostDatabase database, CostImporter importer, IExportStoreFactory stores, TimeProvider timeProvider, ILogger<IngestionSync> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _database = database;
        _importer = importer;
        _stores = stores;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Runs inside a run's import transaction just before it commits (tests use it to crash there).</summary>
    internal Func<ExportRun, CancellationToken, Task>? BeforeRunCommit { get; set; }

    public IReadOnlyList<IngestionSourceOptions> Sources => [.. _options.Sources];

    /// <summary>Syncs every source, or the one named (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No source has that name.</exception>
    public async Task<IReadOnlyList<SourceSyncResult>> SyncAsync(string? sourceName, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var sources = sourceName is null
            ? _options.Sources.ToList()
            : _options.Sources.Where(s => string.Equals(s.Name, sourceName, StringComparison.OrdinalIgnoreCase)).ToList();
        if (sourceName is not null && sources.Count == 0)
        {
            throw new ArgumentException(
                $"no ingestion source is named '{sourceName}'; configured: {(_options.Sources.Count == 0 ? "none" : string.Join(", ", _options.Sources.Select(s => s.Name)))}.",
                nameof(sourceName));
        }

        var results = new List<SourceSyncResult>(sources.Count);
        foreach (var source in sources)
        {
            results.Add(await SyncSourceAsync(source, progress, cancellationToken));
        }

        return results;
    }

    /// <summary>Syncs one source (one sync at a time per process).</summary>
    public async Task<SourceSyncResult> SyncSourceAsync(IngestionSourceOptions source, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await SyncLockedAsync(source, progress, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every configured source with its latest sync and freshness.</summary>
    public async Task<IReadOnlyList<SourceStatus>> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        var states = new Dictionary<string, (DateTimeOffset At, string? RunId, DateTimeOffset? NewData, string Status, string? Error)>(StringComparer.OrdinalIgnoreCase);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Source, LastSyncAt, LastRunId, LastNewDataAt, Status, Error FROM IngestionSources";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                states[reader.GetString(0)] = (
                    Ticks(reader.GetInt64(1)),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : Ticks(reader.GetInt64(3)),
                    reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5));
            }
        }

        var freshness = new Dictionary<string, List<AccountFreshness>>(StringComparer.OrdinalIgnoreCase);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Source, Provider, BillingAccountId, LastChargeDay, LastCompleteDay FROM IngestionFreshness ORDER BY Source, Provider, BillingAccountId";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!freshness.TryGetValue(reader.GetString(0), out var list))
                {
                    freshness[reader.GetString(0)] = list = [];
                }

                list.Add(new AccountFreshness(reader.GetString(1), reader.GetString(2), Day(reader.GetString(3)), Day(reader.GetString(4))));
            }
        }

        var now = _timeProvider.GetUtcNow();
        return [.. _options.Sources.Select(s =>
        {
            var found = states.TryGetValue(s.Name, out var state);
            return new SourceStatus(
                s.Name,
                s.Kind,
                ExportStoreFactory.Describe(s),
                s.Schedule,
                found ? state.At : null,
                found ? state.RunId : null,
                found ? state.NewData : null,
                found ? state.Status : "never synced",
                found ? state.Error : null,
                freshness.TryGetValue(s.Name, out var accounts) ? accounts : [],
                // Synced, yet nothing new for longer than the export's cadence (or nothing ever): the export may have stopped.
                found && (state.NewData is not { } newData || now - newData > s.ExpectedCadence));
        })];
    }

    public void Dispose() => _gate.Dispose();

    private async Task<SourceSyncResult> SyncLockedAsync(IngestionSourceOptions source, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        RemoveStaleStaging();
        List<ExportRun> runs;
        IExportStore store;
        try
        {
            store = _stores.Create(source);
        }
        catch (ExportSourceException e)
        {
            return await FailSourceAsync(source, e.Message, cancellationToken);
        }

        using (store)
        {
            try
            {
                var listing = new List<ExportObject>();
                await foreach (var item in store.ListAsync(cancellationToken))
                {
                    listing.Add(item);
                }

                runs = await ExportRunCatalog.FindAsync(store, listing, runFolders: source.Kind == IngestionSourceKind.Gcs, cancellationToken);
            }
            catch (ExportSourceException e)
            {
                return await FailSourceAsync(source, e.Message, cancellationToken);
            }

            var known = await KnownRunsAsync(source.Name, cancellationToken);
            int imported = 0, rejected = 0, unchanged = 0;
            long rows = 0;
            string? lastRunId = null;
            var errors = new List<string>();
            var changed = runs.Where(run => !(known.TryGetValue(run.RunKey, out var fingerprint) && string.Equals(fingerprint, run.Fingerprint, StringComparison.Ordinal))).ToList();
            unchanged = runs.Count - changed.Count;
            // The next run downloads while this one imports (the import is CPU, the download mostly waiting): at most two runs
            // are staged at a time, each on disk, so memory stays bounded.
            using var prefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task<StagedRun>? next = changed.Count > 0 ? StageAsync(source, store, changed[0], prefetch.Token) : null;
            try
            {
                for (var i = 0; i < changed.Count; i++)
                {
                    var run = changed[i];
                    progress?.Report($"{source.Name}: run {run.RunId} ({run.RunKey}, {run.Parts.Count} part(s))");
                    var current = next!;
                    next = null;
                    StagedRun staged;
                    try
                    {
                        staged = await current;
                    }
                    catch (ExportSourceException e)
                    {
                        // The store failed mid-run (a part could not be read): the run is not recorded, so the next sync tries it again.
                        return await FailSourceAsync(source, e.Message, cancellationToken);
                    }

                    next = i + 1 < changed.Count ? StageAsync(source, store, changed[i + 1], prefetch.Token) : null;
                    (long Rows, string? Error) outcome;
                    try
                    {
                        outcome = await ImportStagedAsync(source, run, staged, progress, cancellationToken);
                    }
                    finally
                    {
                        Release(staged.Folder);
                    }

                    if (outcome.Error is { } error)
                    {
                        rejected++;
                        errors.Add(error);
                        LogRunRejected(source.Name, run.RunId, error);
                    }
                    else
                    {
                        imported++;
                        rows += outcome.Rows;
                        lastRunId = run.RunId;
                        LogRunImported(source.Name, run.RunId, run.Parts.Count, outcome.Rows);
                    }
                }
            }
            finally
            {
                await AbandonAsync(next, prefetch);
            }

            var status = rejected > 0 ? "rejected" : "ok";
            await RecordSourceAsync(source.Name, status, errors.Count == 0 ? null : string.Join(" | ", errors), cancellationToken);
            return new SourceSyncResult(source.Name, status, imported, rejected, unchanged, rows, errors);
        }
    }

    /// <summary>Downloads a run's parts into a staging folder of its own (parts in parallel), or says why the run cannot be read.</summary>
    private async Task<StagedRun> StageAsync(IngestionSourceOptions source, IExportStore store, ExportRun run, CancellationToken cancellationToken)
    {
        if (run.Problem is { } problem)
        {
            return new StagedRun(null, [], $"source '{source.Name}': run {run.RunId} rejected, the previous data is kept: {problem}");
        }

        var claim = new StagingArea(StagingRoot()).Claim(Safe(source.Name));
        try
        {
            var files = run.Parts.Select(part => Path.Combine(claim.Path, part.Key.Replace('/', Path.DirectorySeparatorChar))).ToList();
            var sizes = new long[run.Parts.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, run.Parts.Count),
                new ParallelOptions { MaxDegreeOfParallelism = ParallelDownloads, CancellationToken = cancellationToken },
                async (i, ct) => sizes[i] = await DownloadAsync(store, run.Parts[i], files[i], ct));
            for (var i = 0; i < run.Parts.Count; i++)
            {
                if (sizes[i] != run.Parts[i].Size)
                {
                    var part = run.Parts[i];
                    return new StagedRun(claim, [], string.Create(
                        CultureInfo.InvariantCulture,
                        $"source '{source.Name}': run {run.RunId} rejected, the previous data is kept: part {part.Key} ended after {sizes[i]:N0} of its {part.Size:N0} bytes."));
                }
            }

            return new StagedRun(claim, files, null);
        }
        catch
        {
            Release(claim);
            throw;
        }
    }

    /// <summary>Imports a staged run all or nothing, or records why it was rejected.</summary>
    private async Task<(long Rows, string? Error)> ImportStagedAsync(
        IngestionSourceOptions source, ExportRun run, StagedRun staged, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (staged.Problem is { } problem)
        {
            await RecordRejectedRunAsync(source.Name, run, problem, cancellationToken);
            return (0, problem);
        }

        var staging = staged.Folder!.Path;
        progress?.Report($"{source.Name}: importing run {run.RunId}");
        var keys = KeyPrefix(source);
        var report = await _importer.ImportRunAsync(
            staged.Files,
            async (commit, ct) =>
            {
                await NameImportsByKeyAsync(commit.Connection, commit.Transaction, staging, keys, ct);
                await RecordImportedRunAsync(source.Name, run, commit, ct);
            },
            progress,
            cancellationToken);
        if (!report.Succeeded)
        {
            await using (var connection = await _database.OpenConnectionAsync(cancellationToken))
            await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken))
            {
                await NameImportsByKeyAsync(connection, transaction, staging, keys, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            var cause = report.Files.FirstOrDefault(f => f.Error is not null && !f.Error.Contains("of the same export run was rejected", StringComparison.Ordinal))
                ?? report.Files.First(f => f.Error is not null);
            var message = $"source '{source.Name}': run {run.RunId} rejected, the previous data is kept: {Unstage(cause.Error!, staging)}";
            await RecordRejectedRunAsync(source.Name, run, message, cancellationToken);
            return (0, message);
        }

        return (report.Files.Sum(f => f.Rows), null);
    }

    /// <summary>Stops a prefetch the sync no longer needs (it ended early or failed) and frees its staging folder.</summary>
    private async Task AbandonAsync(Task<StagedRun>? next, CancellationTokenSource prefetch)
    {
        if (next is null)
        {
            return;
        }

        await prefetch.CancelAsync();
        try
        {
            Release((await next).Folder);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever stopped it (the cancellation, or the store failing meanwhile) is the next sync's to meet: this sync is
            // already ending with its own outcome, and StageAsync has freed the folder.
        }
    }

    private static async Task<long> DownloadAsync(IExportStore store, ExportObject part, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await store.CopyToAsync(part, output, cancellationToken);
        return output.Length;
    }

    /// <summary>How the import history names a synced part: the source and the object's key (<c>aws-prod:focus/export/data/...</c>).</summary>
    private static string KeyPrefix(IngestionSourceOptions source) =>
        source.Name + ":" + (source.Kind == IngestionSourceKind.LocalFolder || string.IsNullOrWhiteSpace(source.Location.Prefix) ? string.Empty : source.Location.Prefix.Trim('/') + "/");

    /// <summary>
    /// The importer records the files it read, here staged copies that are deleted after the run: their history rows (and the
    /// errors that quote them) are renamed to the source and object key, the name the part has where it lives.
    /// </summary>
    private static async Task NameImportsByKeyAsync(SqliteConnection connection, SqliteTransaction transaction, string staging, string keyPrefix, CancellationToken cancellationToken)
    {
        var staged = staging + Path.DirectorySeparatorChar;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // substr, not LIKE: a staged path may hold '%' or '_'; the staging folder is unique to this run, so only its rows match.
        command.CommandText =
            "UPDATE Imports SET FilePath = $k || replace(substr(FilePath, length($s) + 1), $sep, '/'), Error = replace(Error, $s, $k) " +
            "WHERE substr(FilePath, 1, length($s)) = $s";
        command.Parameters.AddWithValue("$s", staged);
        command.Parameters.AddWithValue("$k", keyPrefix);
        command.Parameters.AddWithValue("$sep", Path.DirectorySeparatorChar.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Written in the run's import transaction: the run, the source's latest run id and the accounts' freshness commit with the data.</summary>
    private async Task RecordImportedRunAsync(string source, ExportRun run, ImportRunCommit commit, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        await UpsertRunAsync(commit.Connection, commit.Transaction, source, run, "imported", null, commit.Parts.Sum(p => p.Rows), now, cancellationToken);
        await using (var state = commit.Connection.CreateCommand())
        {
            state.Transaction = commit.Transaction;
            state.CommandText =
                "INSERT INTO IngestionSources (Source, LastSyncAt, LastRunId, LastNewDataAt, Status, Error) VALUES ($s, $t, $r, $t, 'ok', NULL) " +
                "ON CONFLICT (Source) DO UPDATE SET LastRunId = excluded.LastRunId, LastNewDataAt = excluded.LastNewDataAt";
            state.Parameters.AddWithValue("$s", source);
            state.Parameters.AddWithValue("$t", now);
            state.Parameters.AddWithValue("$r", run.RunId);
            await state.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var day in commit.LastDays)
        {
            await using var fresh = commit.Connection.CreateCommand();
            fresh.Transaction = commit.Transaction;
            fresh.CommandText =
                "INSERT INTO IngestionFreshness (Source, Provider, BillingAccountId, LastChargeDay, LastCompleteDay) VALUES ($s, $p, $a, $l, $c) " +
                "ON CONFLICT (Source, Provider, BillingAccountId) DO UPDATE SET " +
                "LastChargeDay = MAX(LastChargeDay, excluded.LastChargeDay), LastCompleteDay = MAX(LastCompleteDay, excluded.LastCompleteDay)";
            fresh.Parameters.AddWithValue("$s", source);
            fresh.Parameters.AddWithValue("$p", day.Provider);
            fresh.Parameters.AddWithValue("$a", day.BillingAccountId);
            fresh.Parameters.AddWithValue("$l", day.LastChargeDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            fresh.Parameters.AddWithValue("$c", LastCompleteDay(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await fresh.ExecuteNonQueryAsync(cancellationToken);
        }

        if (BeforeRunCommit is { } hook)
        {
            await hook(run, cancellationToken);
        }
    }

    /// <summary>The latest charge day may still grow (exports refresh the current day); it is complete once its billing period has ended.</summary>
    internal static DateOnly LastCompleteDay(SliceLastDay day) =>
        day.LastChargeDay >= day.BillingPeriodStart.AddMonths(1).AddDays(-1) ? day.LastChargeDay : day.LastChargeDay.AddDays(-1);

    private async Task RecordRejectedRunAsync(string source, ExportRun run, string error, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await UpsertRunAsync(connection, transaction, source, run, "rejected", error, 0, _timeProvider.GetUtcNow().UtcTicks, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task UpsertRunAsync(
        SqliteConnection connection, SqliteTransaction transaction, string source, ExportRun run, string status, string? error, long rows, long at, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO IngestionRuns (Source, RunKey, RunId, Fingerprint, Status, Error, Rows, SyncedAt) VALUES ($s, $k, $r, $f, $st, $e, $n, $t) " +
            "ON CONFLICT (Source, RunKey) DO UPDATE SET RunId = excluded.RunId, Fingerprint = excluded.Fingerprint, Status = excluded.Status, " +
            "Error = excluded.Error, Rows = excluded.Rows, SyncedAt = excluded.SyncedAt";
        command.Parameters.AddWithValue("$s", source);
        command.Parameters.AddWithValue("$k", run.RunKey);
        command.Parameters.AddWithValue("$r", run.RunId);
        command.Parameters.AddWithValue("$f", run.Fingerprint);
        command.Parameters.AddWithValue("$st", status);
        command.Parameters.AddWithValue("$e", (object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue("$n", rows);
        command.Parameters.AddWithValue("$t", at);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SourceSyncResult> FailSourceAsync(IngestionSourceOptions source, string message, CancellationToken cancellationToken)
    {
        LogSourceFailed(source.Name, message);
        await RecordSourceAsync(source.Name, "failed", message, cancellationToken);
        return new SourceSyncResult(source.Name, "failed", 0, 0, 0, 0, [message]);
    }

    private async Task RecordSourceAsync(string source, string status, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO IngestionSources (Source, LastSyncAt, LastRunId, LastNewDataAt, Status, Error) VALUES ($s, $t, NULL, NULL, $st, $e) " +
            "ON CONFLICT (Source) DO UPDATE SET LastSyncAt = excluded.LastSyncAt, Status = excluded.Status, Error = excluded.Error";
        command.Parameters.AddWithValue("$s", source);
        command.Parameters.AddWithValue("$t", _timeProvider.GetUtcNow().UtcTicks);
        command.Parameters.AddWithValue("$st", status);
        command.Parameters.AddWithValue("$e", (object?)error ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<Dictionary<string, string>> KnownRunsAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT RunKey, Fingerprint FROM IngestionRuns WHERE Source = $s";
        command.Parameters.AddWithValue("$s", source);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            known[reader.GetString(0)] = reader.GetString(1);
        }

        return known;
    }

    private string StagingRoot() =>
        Path.GetFullPath(_options.StagingPath ?? Path.Combine(Path.GetDirectoryName(_database.DatabasePath)!, "ingestion"));

    /// <summary>Importer messages name the staged copy; users know the part by its key in the source.</summary>
    private static string Unstage(string message, string staging) =>
        message.Replace(staging + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal);

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));

    private void Release(StagingFolder? folder)
    {
        if (folder is null)
        {
            return;
        }

        try
        {
            folder.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogStagingLeft(folder.Path, e.Message);
        }
    }

    /// <summary>Folders left by syncs that did not finish (a killed process); a running sync's folder is held and kept.</summary>
    private void RemoveStaleStaging()
    {
        var (removed, failed) = new StagingArea(StagingRoot()).RemoveStale();
        foreach (var folder in removed)
        {
            LogStaleStagingRemoved(folder);
        }

        foreach (var (folder, problem) in failed)
        {
            LogStagingLeft(folder, problem);
        }
    }

    private static DateTimeOffset Ticks(long ticks) => new(ticks, TimeSpan.Zero);

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingestion source {Source}: imported run {RunId} ({Parts} parts, {Rows} rows)")]
    private partial void LogRunImported(string source, string runId, int parts, long rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion source {Source}: run {RunId} rejected: {Problem}")]
    private partial void LogRunRejected(string source, string runId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion source {Source} could not be synced: {Problem}")]
    private partial void LogSourceFailed(string source, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed staging folder {Folder}, left by a sync that did not finish")]
    private partial void LogStaleStagingRemoved(string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staged export files in {Folder} could not be deleted: {Problem}")]
    private partial void LogStagingLeft(string folder, string problem);
}
