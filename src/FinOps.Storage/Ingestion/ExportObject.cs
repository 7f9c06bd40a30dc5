namespace FinOps.Storage.Ingestion;

/// <summary>One object (file, blob) in an export location.</summary>
/// <param name="Key">Its key relative to the source's prefix or folder, with '/' separators.</param>
/// <param name="Size">Bytes.</param>
/// <param name="ETag">What changes when its content changes (the store's ETag; size and write time for a local file).</param>
/// <param name="LastModified">When it was last written.</param>
internal sealed record ExportObject(string Key, long Size, string ETag, DateTimeOffset LastModified);
