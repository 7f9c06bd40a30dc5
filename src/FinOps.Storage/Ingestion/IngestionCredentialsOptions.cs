namespace FinOps.Storage.Ingestion;

/// <summary>A source's secrets. None of them is ever logged, printed or put in an error message.</summary>
public sealed class IngestionCredentialsOptions
{
    /// <summary>S3 access key id; with <see cref="SecretAccessKey"/>. Empty: the default AWS credential chain.</summary>
    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }

    /// <summary>Azure Storage connection string (AzureBlob).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Azure container SAS URL (AzureBlob).</summary>
    public string? SasUrl { get; set; }

    /// <summary>Path of a Google service-account key file (JSON) (Gcs); the file's content is the secret, the path is not.</summary>
    public string? ServiceAccountKeyPath { get; set; }

    /// <summary>A Google service-account key (the JSON itself) (Gcs). Neither this nor the path: application default credentials.</summary>
    public string? ServiceAccountKeyJson { get; set; }

    /// <summary>Every secret value set, to scrub from messages that come back from a storage service.</summary>
    internal IEnumerable<string> Secrets() =>
        new[] { SecretAccessKey, ConnectionString, SasUrl, ServiceAccountKeyJson }.Where(s => !string.IsNullOrEmpty(s))!;
}
