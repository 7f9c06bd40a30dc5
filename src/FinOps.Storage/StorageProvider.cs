namespace FinOps.Storage;

/// <summary>Which database holds the store (setting <c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>Embedded SQLite files (<see cref="StorageOptions.DatabasePath"/>): one process.</summary>
    Sqlite,

    /// <summary>One PostgreSQL database (<see cref="StorageOptions.ConnectionString"/>) shared by every replica.</summary>
    PostgreSql,
}
