using FinOps.Storage;
using FinOps.Storage.Data;

namespace FinOps.Bot.Hosting;

/// <summary>Checks, before anything starts, that the cost store's file can be created and written.</summary>
/// <remarks>
/// SQLite reports a folder it cannot write as "unable to open database file" without the path, and only on first use;
/// this check names the path and the setting, so a bad <c>--db</c> stops the start with one line.
/// </remarks>
public static class StoreLocation
{
    /// <summary>Checks the SQLite file of <paramref name="database"/>; a PostgreSQL store has no file to check.</summary>
    public static void EnsureUsable(CostDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Provider == StorageProvider.Sqlite)
        {
            EnsureUsable(database.DatabasePath);
        }
    }

    public static void EnsureUsable(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var folder = Path.GetDirectoryName(path);
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw Unusable(path, $"its folder {folder} cannot be created ({e.Message.TrimEnd('.')})", e);
        }

        if (Directory.Exists(path))
        {
            throw Unusable(path, "it is a folder, not a file", null);
        }

        try
        {
            if (File.Exists(path))
            {
                using var existing = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            }
            else
            {
                using var probe = new FileStream(Path.Combine(folder, $".finops-write-check-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unusable(path, File.Exists(path) ? $"it cannot be opened for writing ({e.Message.TrimEnd('.')})" : $"its folder {folder} is not writable ({e.Message.TrimEnd('.')})", e);
        }
    }

    private static StoreUnavailableException Unusable(string path, string reason, Exception? inner) =>
        new($"cost store {path} (--db or Storage:DatabasePath): {reason}. Give a writable location with --db <path>.", inner);
}
