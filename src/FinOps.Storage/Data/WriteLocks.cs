using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.Data;

/// <summary>Serialises the writers of one key for the rest of the caller's transaction, on either provider.</summary>
/// <remarks>
/// SQLite's writing transaction (BEGIN IMMEDIATE, Microsoft.Data.Sqlite's default) already holds the whole file, so there is
/// nothing to add. PostgreSQL runs transactions side by side (read committed): two that both read "no row" would both insert.
/// A transaction-scoped advisory lock on the key makes the second wait for the first's commit; its next read then sees the row.
/// </remarks>
internal static class WriteLocks
{
    public static async Task TakeAsync(DbContext context, string key, CancellationToken cancellationToken)
    {
        if (context.Database.IsNpgsql())
        {
            await context.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
        }
    }
}
