namespace FinOps.Storage.Ingestion;

/// <summary>The stores this version syncs: S3 (AWS and S3-compatible), Azure Blob Storage, Google Cloud Storage and local folders.</summary>
internal sealed class ExportStoreFactory : IExportStoreFactory
{
    public IExportStore Create(IngestionSourceOptions source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Kind switch
        {
            IngestionSourceKind.AwsS3 or IngestionSourceKind.S3Compatible => new S3ExportStore(source),
            IngestionSourceKind.AzureBlob => new AzureBlobExportStore(source),
            IngestionSourceKind.Gcs => new GcsExportStore(source),
            IngestionSourceKind.LocalFolder => new LocalFolderExportStore(source.Name, source.Location.Path!),
            _ => throw new ExportSourceException($"source '{source.Name}': kind {source.Kind} is not synced by this version (AwsS3, S3Compatible, AzureBlob, Gcs and LocalFolder are)."),
        };
    }

    /// <summary>The source's location as shown to users, without credentials.</summary>
    public static string Describe(IngestionSourceOptions source) => source.Kind switch
    {
        IngestionSourceKind.AwsS3 or IngestionSourceKind.S3Compatible => S3ExportStore.Describe(source),
        IngestionSourceKind.AzureBlob => AzureBlobExportStore.Describe(source),
        IngestionSourceKind.Gcs => GcsExportStore.Describe(source),
        IngestionSourceKind.LocalFolder => Path.GetFullPath(source.Location.Path ?? "."),
        _ => string.Empty,
    };
}
