namespace FinOps.Storage.Import;

/// <summary>How the import of one file ended.</summary>
public enum ImportStatus
{
    /// <summary>The file's rows are in the store (its slices replaced what earlier runs had).</summary>
    Imported,

    /// <summary>The same bytes were imported before and their data is still current: nothing changed.</summary>
    Unchanged,

    /// <summary>The file could not be read; the store is as it was before this file.</summary>
    Failed,
}
