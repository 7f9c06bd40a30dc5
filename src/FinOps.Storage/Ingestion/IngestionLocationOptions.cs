namespace FinOps.Storage.Ingestion;

/// <summary>Where a source's exports are: bucket and prefix, container and prefix, or a folder.</summary>
public sealed class IngestionLocationOptions
{
    /// <summary>S3 bucket (AwsS3, S3Compatible) or Cloud Storage bucket (Gcs).</summary>
    public string? Bucket { get; set; }

    /// <summary>Blob container (AzureBlob).</summary>
    public string? Container { get; set; }

    /// <summary>The export's key prefix in the bucket or container, up to and including the export name (e.g. <c>focus/my-export</c>); empty for the root.</summary>
    public string? Prefix { get; set; }

    /// <summary>The folder (LocalFolder).</summary>
    public string? Path { get; set; }

    /// <summary>
    /// The endpoint of an S3-compatible store (required for S3Compatible), e.g. <c>https://minio.example.com:9000</c>; for Gcs, the
    /// root of another Cloud Storage JSON API endpoint (a private endpoint, a test server), default Google's.
    /// </summary>
    public string? ServiceUrl { get; set; }

    /// <summary>AWS region of the bucket; default us-east-1.</summary>
    public string? Region { get; set; }
}
