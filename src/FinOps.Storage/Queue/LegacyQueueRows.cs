using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FinOps.Storage.Queue;

/// <summary>
/// Takes over the rows (OutboxMessages, IdempotencyKeys, ChannelRecords) that versions before the queue file kept in the cost
/// store, so work acknowledged but not finished before an upgrade is still done, keys already used still count as used, and
/// installations and conversation references are kept.
/// </summary>
/// <remarks>
/// Runs once per queue file (a marker row records it) in one transaction; rows whose key the queue already holds are left
/// out, so a run cut short and repeated moves nothing twice. The cost store is only read (its WAL lets that happen while an
/// import writes), so the old rows stay there, unused.
/// </remarks>
internal static class LegacyQueueRows
{
    public const string MarkerName = "legacy-rows-moved";

    public static async Task MoveAsync(SqliteConnection queue, string costDatabasePath, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Not deferred (BEGIN IMMEDIATE): two processes starting at once queue up here, and the second finds the marker.
        await using var transaction = (SqliteTransaction)await queue.BeginTransactionAsync(cancellationToken);
        if (await ScalarAsync(queue, transaction, "SELECT COUNT(*) FROM QueueMarkers WHERE Name = $name", cancellationToken, ("$name", MarkerName)) > 0)
        {
            return;
        }

        long messages = 0, keys = 0, records = 0;
        if (File.Exists(costDatabasePath))
        {
            var legacyConnection = new SqliteConnectionStringBuilder { DataSource = costDatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            await using var legacy = new SqliteConnection(legacyConnection);
            await legacy.OpenAsync(cancellationToken);
            if (await HasTableAsync(legacy, "OutboxMessages", cancellationToken))
            {
                messages = await CopyAsync(
                    legacy,
                    "SELECT Channel, IdempotencyKey, Payload, Attempts, NextAttemptAt, Status, LastError, Result, CreatedAt FROM OutboxMessages ORDER BY Id",
                    queue,
                    transaction,
                    """
                    INSERT OR IGNORE INTO QueuedMessages (Channel, IdempotencyKey, Payload, Attempts, NextAttemptAt, Status, LastError, Result, CreatedAt)
                    VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8)
                    """,
                    cancellationToken);
            }

            if (await HasTableAsync(legacy, "IdempotencyKeys", cancellationToken))
            {
                keys = await CopyAsync(
                    legacy,
                    "SELECT Scope, Key, State, LeaseUntil, Result, CompletedAt FROM IdempotencyKeys",
                    queue,
                    transaction,
                    "INSERT OR IGNORE INTO IdempotencyKeys (Scope, Key, State, LeaseUntil, Result, CompletedAt) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)",
                    cancellationToken);
            }

            if (await HasTableAsync(legacy, "ChannelRecords", cancellationToken))
            {
                records = await CopyAsync(
                    legacy,
                    "SELECT Kind, Key, Json, UpdatedAt FROM ChannelRecords",
                    queue,
                    transaction,
                    "INSERT OR IGNORE INTO ChannelRecords (Kind, Key, Json, UpdatedAt) VALUES ($p0, $p1, $p2, $p3)",
                    cancellationToken);
            }
        }

        await using (var marker = queue.CreateCommand())
        {
            marker.Transaction = transaction;
            marker.CommandText = "INSERT INTO QueueMarkers (Name, Value, At) VALUES ($name, $value, $at)";
            marker.Parameters.AddWithValue("$name", MarkerName);
            marker.Parameters.AddWithValue("$value", $"{costDatabasePath}: {messages} messages, {keys} idempotency keys, {records} channel records");
            marker.Parameters.AddWithValue("$at", now.UtcTicks);
            await marker.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<bool> HasTableAsync(SqliteConnection connection, string table, CancellationToken cancellationToken) =>
        await ScalarAsync(connection, null, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name", cancellationToken, ("$name", table)) > 0;

    private static async Task<long> ScalarAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Copies every row of <paramref name="select"/> into <paramref name="insert"/> (parameters $p0..), returning how many were new.</summary>
    private static async Task<long> CopyAsync(
        SqliteConnection source, string select, SqliteConnection target, SqliteTransaction transaction, string insert, CancellationToken cancellationToken)
    {
        await using var read = source.CreateCommand();
        read.CommandText = select;
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await using var write = target.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = insert;
        long copied = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            // Values keep their stored type (times stay integer ticks).
            write.Parameters.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                write.Parameters.AddWithValue("$p" + i.ToString(CultureInfo.InvariantCulture), reader.GetValue(i));
            }

            copied += await write.ExecuteNonQueryAsync(cancellationToken);
        }

        return copied;
    }
}
