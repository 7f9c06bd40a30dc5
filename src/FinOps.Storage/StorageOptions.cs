namespace FinOps.Storage;

/// <summary>Where the store lives (configuration section <c>Storage</c>): SQLite files by default, or one PostgreSQL database.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><see cref="StorageProvider.Sqlite"/> (default) or <see cref="StorageProvider.PostgreSql"/>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The Npgsql connection string of the PostgreSQL database when <see cref="Provider"/> is <see cref="StorageProvider.PostgreSql"/>
    /// (e.g. <c>Host=db;Database=finops;Username=finops;Password=...</c>). A secret: give it by environment variable
    /// (<c>Storage__ConnectionString</c>) or a secret store, never in a committed file; it is never logged.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Whether the bot applies pending migrations when it starts (default true). Deployments that forbid schema changes at start
    /// set false and run the <c>migrate</c> verb instead; a start against a database with pending migrations then fails naming them.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Path of the SQLite file; created with its folder and migrated on first use. Default <c>finops.db</c> in the working directory.</summary>
    public string DatabasePath { get; set; } = "finops.db";

    /// <summary>
    /// The folder whose Data Protection keys (<c>key-*.xml</c>) are copied into the store once, when the store has none: where
    /// earlier versions kept them. Default: ASP.NET Core's folder for the user running the bot (<c>~/.aspnet/DataProtection-Keys</c>).
    /// </summary>
    public string? LegacyKeysFolder { get; set; }

    /// <summary>How long an import waits for another import (which holds the store's write lock for its whole run) to finish. Default 15 minutes.</summary>
    public TimeSpan ImportLockTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Path of the SQLite file of the work queues (inbound chat work, outgoing messages, idempotency keys). Default: next to
    /// <see cref="DatabasePath"/>, with <c>.queue.db</c> for its extension (<c>finops.queue.db</c>).
    /// </summary>
    /// <remarks>
    /// A separate file because SQLite has one writer per file: an import holds the cost store's write lock for its whole
    /// run, and inbound chat work must still be stored within the platform's acknowledgement limit (Slack: 3 seconds).
    /// </remarks>
    public string? QueueDatabasePath { get; set; }

    /// <summary>The queue file's path: <see cref="QueueDatabasePath"/>, or derived from <see cref="DatabasePath"/> when unset.</summary>
    public string EffectiveQueueDatabasePath =>
        string.IsNullOrWhiteSpace(QueueDatabasePath) ? Path.ChangeExtension(DatabasePath, ".queue.db") : QueueDatabasePath;
}
