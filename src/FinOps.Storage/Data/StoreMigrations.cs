using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.Data;

/// <summary>Applies a context's pending migrations at start, or refuses to start when <c>Storage:MigrateOnStart</c> is false and some are pending.</summary>
internal static class StoreMigrations
{
    /// <param name="store">The database for the message (a path, or PostgreSQL's server and database: never a password).</param>
    public static async Task PrepareAsync(DbContext context, bool migrate, string store, CancellationToken cancellationToken)
    {
        // Only when something is pending: migrating takes locks (SQLite's write lock, which an import may hold for minutes).
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        if (!migrate)
        {
            throw new InvalidOperationException(
                $"{store} has {pending.Count} pending migration(s) ({string.Join(", ", pending)}) and Storage:MigrateOnStart is false: " +
                "run the 'migrate' verb with the same settings first.");
        }

        // Not cancellable: a migration stopped half-way (SIGTERM) can leave EF Core's migration lock behind and the next
        // start waits on it. Migrations are short; letting one finish loses nothing.
        await context.Database.MigrateAsync(CancellationToken.None);
    }

    /// <summary>Applies whatever is pending whatever <c>Storage:MigrateOnStart</c> says (the <c>migrate</c> verb); the names applied.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(DbContext context, CancellationToken cancellationToken)
    {
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            await context.Database.MigrateAsync(CancellationToken.None);
        }

        return pending;
    }
}
