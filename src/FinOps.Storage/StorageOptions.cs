namespace FinOps.Storage;

/// <summary>Where the embedded store lives (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Path of the SQLite file; created with its folder and migrated on first use. Default <c>finops.db</c> in the working directory.</summary>
    public string DatabasePath { get; set; } = "finops.db";

    /// <summary>How long an import waits for another import (which holds the store's write lock for its whole run) to finish. Default 15 minutes.</summary>
    public TimeSpan ImportLockTimeout { get; set; } = TimeSpan.FromMinutes(15);
}
