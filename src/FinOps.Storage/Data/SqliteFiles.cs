using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.Data;

/// <summary>The steps every SQLite file of the store takes once per process before first use: folder, migrations, WAL.</summary>
internal static class SqliteFiles
{
    /// <summary>
    /// Creates the file's folder, applies pending migrations and opens a connection with the journal in WAL mode
    /// (readers never wait for a writer); the caller finishes its own start-up steps on the returned connection.
    /// </summary>
    public static async Task<SqliteConnection> PrepareAsync(DbContext context, string path, string connectionString, bool migrate, CancellationToken cancellationToken)
    {
        CreateFolder(path);

        // Migrating takes the write lock, which an import in another process may hold for minutes: only when something
        // is pending, so that a bot starting during an import answers from what is committed.
        await StoreMigrations.PrepareAsync(context, migrate, path, cancellationToken);

        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static void CreateFolder(string path)
    {
        var folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
