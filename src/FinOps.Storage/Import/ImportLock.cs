using System.Globalization;
using System.Text.Json;
using FinOps.Storage.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FinOps.Storage.Import;

/// <summary>The store's write lock as an import run takes it: SQLite's own (BEGIN IMMEDIATE), plus a note saying who holds it.</summary>
/// <remarks>
/// SQLite cannot tell who holds its write lock, so the holder writes <c>&lt;database&gt;.import-lock.json</c> (process id,
/// start, number of files) for the run's length; a run that finds the lock taken reads it to say whom it waits for.
/// The waiting itself is SQLite's busy handling (Microsoft.Data.Sqlite's command timeout), up to
/// <see cref="CostDatabase.ImportLockTimeout"/>.
/// </remarks>
internal static class ImportLock
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string NotePath(string databasePath) => databasePath + ".import-lock.json";

    /// <summary>Begins the run's write transaction, telling <paramref name="progress"/> (and the log) first when it must wait.</summary>
    /// <exception cref="ImportLockTimeoutException">The lock stayed taken for the whole timeout.</exception>
    public static async Task<SqliteTransaction> BeginAsync(
        SqliteConnection connection, CostDatabase database, IProgress<string>? progress, Action<string> log, CancellationToken cancellationToken)
    {
        var timeout = database.ImportLockTimeout;
        if (IsFree(connection))
        {
            // A writer slipping in between the probe and BEGIN is waited for all the same, only without the message.
            connection.DefaultTimeout = Seconds(timeout);
            return (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        }

        var holder = Describe(database.DatabasePath);
        var waiting = string.Create(CultureInfo.InvariantCulture, $"waiting for another import to finish ({holder}); giving up after {timeout}");
        log(waiting);
        progress?.Report(waiting);
        if (timeout > TimeSpan.Zero)
        {
            connection.DefaultTimeout = Seconds(timeout);
            try
            {
                return (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
            {
                throw GaveUp(database.DatabasePath, timeout, e);
            }
        }

        throw GaveUp(database.DatabasePath, timeout, null);
    }

    /// <summary>Writes the note that names this process as the holder; disposing it deletes the note.</summary>
    public static IDisposable Hold(string databasePath, int files, TimeProvider timeProvider)
    {
        var path = NotePath(databasePath);
        var note = new LockNote(Environment.ProcessId, timeProvider.GetUtcNow(), files);
        try
        {
            File.WriteAllText(path, JsonSerializer.Serialize(note, Json));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The note only improves the message of a waiting import; the lock itself is SQLite's.
            return new Note(null);
        }

        return new Note(path);
    }

    private static ImportLockTimeoutException GaveUp(string databasePath, TimeSpan timeout, Exception? inner)
    {
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"gave up after waiting {timeout} for another import to finish ({Describe(databasePath)}); nothing was imported, run the import again when it is done");
        return inner is null ? new ImportLockTimeoutException(message) : new ImportLockTimeoutException(message, inner);
    }

    /// <summary>Whether the write lock can be had now: BEGIN IMMEDIATE without any busy wait, undone at once.</summary>
    private static bool IsFree(SqliteConnection connection)
    {
        var db = connection.Handle!;
        var rc = raw.sqlite3_exec(db, "BEGIN IMMEDIATE");
        if (rc == raw.SQLITE_OK)
        {
            raw.sqlite3_exec(db, "ROLLBACK");
            return true;
        }

        if (rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
        {
            return false;
        }

        SqliteException.ThrowExceptionForRC(rc, db);
        return false;
    }

    private static int Seconds(TimeSpan timeout) => (int)Math.Clamp(Math.Ceiling(timeout.TotalSeconds), 1, int.MaxValue);

    private static string Describe(string databasePath)
    {
        try
        {
            var note = JsonSerializer.Deserialize<LockNote>(File.ReadAllText(NotePath(databasePath)), Json);
            if (note is not null)
            {
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"started {note.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z by pid {note.ProcessId}, {note.Files} file(s)");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // No note (another kind of writer, or a note being replaced): say what is known.
        }

        return "another process holds the store's write lock";
    }

    private sealed record LockNote(int ProcessId, DateTimeOffset StartedAt, int Files);

    private sealed class Note(string? path) : IDisposable
    {
        public void Dispose()
        {
            if (path is not null)
            {
                try
                {
                    File.Delete(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A stale note only makes a later waiting message name a finished run.
                }
            }
        }
    }
}
