namespace FinOps.Storage.Ingestion;

/// <summary>Where an ingestion source's FOCUS exports are delivered.</summary>
public enum IngestionSourceKind
{
    /// <summary>Unset: a configuration error.</summary>
    None,

    /// <summary>AWS Data Exports (FOCUS) in an S3 bucket.</summary>
    AwsS3,

    /// <summary>Azure Cost Management FOCUS exports in Blob Storage.</summary>
    AzureBlob,

    /// <summary>FOCUS exported from BigQuery to Cloud Storage (<c>EXPORT DATA</c> run folders closed by a <c>_SUCCESS</c> marker; see <see cref="ExportRunCatalog"/>).</summary>
    Gcs,

    /// <summary>Any S3-compatible store (MinIO, Oracle Cloud object storage, on-premises) at <see cref="IngestionLocationOptions.ServiceUrl"/>.</summary>
    S3Compatible,

    /// <summary>A local (or mounted) folder laid out as the cloud delivers it.</summary>
    LocalFolder,
}
