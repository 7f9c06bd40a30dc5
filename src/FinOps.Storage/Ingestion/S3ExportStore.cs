using System.Net;
using System.Runtime.CompilerServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace FinOps.Storage.Ingestion;

/// <summary>An S3 bucket (AWS, or any S3-compatible store at a service URL), read with AWSSDK.S3.</summary>
/// <remarks>
/// Credentials are the source's access keys, or the default AWS chain (environment, profile, instance or task role) when none
/// are set. Checksums are asked for only where S3 requires them: S3-compatible stores do not all know the newer ones.
/// </remarks>
internal sealed class S3ExportStore : IExportStore
{
    private readonly IngestionSourceOptions _source;
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _prefix;

    public S3ExportStore(IngestionSourceOptions source)
    {
        _source = source;
        _bucket = source.Location.Bucket!;
        _prefix = NormalizePrefix(source.Location.Prefix);
        var region = string.IsNullOrWhiteSpace(source.Location.Region) ? "us-east-1" : source.Location.Region;
        var config = new AmazonS3Config
        {
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrWhiteSpace(source.Location.ServiceUrl))
        {
            config.ServiceURL = source.Location.ServiceUrl;
            config.AuthenticationRegion = region;
            // Most S3-compatible stores (MinIO, Oracle, emulators) serve buckets by path, not by host name.
            config.ForcePathStyle = true;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        var credentials = source.Credentials;
        _client = string.IsNullOrEmpty(credentials.AccessKeyId)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey), config);
    }

    /// <summary>The location as shown to users: <c>s3://bucket/prefix</c> (and the service URL), no credentials.</summary>
    public static string Describe(IngestionSourceOptions source) =>
        $"s3://{source.Location.Bucket}/{NormalizePrefix(source.Location.Prefix)}"
        + (string.IsNullOrWhiteSpace(source.Location.ServiceUrl) ? string.Empty : $" at {source.Location.ServiceUrl}");

    public async IAsyncEnumerable<ExportObject> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix };
        while (true)
        {
            ListObjectsV2Response response;
            try
            {
                response = await _client.ListObjectsV2Async(request, cancellationToken);
            }
            catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException)
            {
                throw Explain(e, "list");
            }

            foreach (var item in response.S3Objects ?? [])
            {
                if (item.Key.EndsWith('/'))
                {
                    continue;
                }

                yield return new ExportObject(
                    item.Key[_prefix.Length..],
                    item.Size ?? 0,
                    item.ETag ?? string.Empty,
                    item.LastModified is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.MinValue);
            }

            if (response.IsTruncated != true)
            {
                yield break;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = _prefix + key }, cancellationToken);
            return new ResponseStream(response);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            throw Explain(e, $"read '{_prefix + key}' from");
        }
    }

    /// <summary>
    /// The listed version of a part: a GET of its whole byte range that S3 serves only while the object's ETag is the listed one
    /// (<c>If-Match</c>), and whose ETag is compared again on the response for stores that ignore the condition.
    /// </summary>
    /// <remarks>
    /// Why a range: for a whole-object GET whose ETag looks like an MD5, AWSSDK.S3 hashes the body with MD5 to compare with the
    /// ETag, which cost about 3 CPU-s per GB here (more than the rest of the transfer; <c>sync-bench --probe</c>); the SDK does not
    /// hash ranges. The part is still tied to its listing twice (ETag checked by the server and on the response, size checked by
    /// the caller), and a cut or corrupt body is still rejected by the import (CSV or gzip errors, the manifest's row layout).
    /// </remarks>
    public async Task CopyToAsync(ExportObject part, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(destination);
        var key = _prefix + part.Key;
        var request = new GetObjectRequest { BucketName = _bucket, Key = key };
        if (part.Size > 0)
        {
            request.ByteRange = new ByteRange(0, part.Size - 1);
        }

        if (!string.IsNullOrEmpty(part.ETag))
        {
            request.EtagToMatch = part.ETag;
        }

        GetObjectResponse response;
        try
        {
            response = await _client.GetObjectAsync(request, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            throw Changed(key, part.ETag, e);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            throw Explain(e, $"read '{key}' from");
        }

        using (response)
        {
            if (!string.IsNullOrEmpty(part.ETag) && !string.Equals(Unquote(response.ETag), Unquote(part.ETag), StringComparison.Ordinal))
            {
                throw Changed(key, part.ETag, null);
            }

            await response.ResponseStream.CopyToAsync(destination, 1 << 16, cancellationToken);
        }
    }

    public void Dispose() => _client.Dispose();

    private static string Unquote(string? etag) => (etag ?? string.Empty).Trim('"');

    private ExportSourceException Changed(string key, string listedETag, Exception? inner)
    {
        var message = $"source '{_source.Name}': s3://{_bucket}/{key} changed after it was listed (ETag {listedETag} no longer matches); the next sync reads the new version.";
        return inner is null ? new ExportSourceException(message) : new ExportSourceException(message, inner);
    }

    private static string NormalizePrefix(string? prefix) =>
        string.IsNullOrWhiteSpace(prefix) ? string.Empty : prefix.Trim('/') + "/";

    /// <summary>One line naming the source and what to fix; the service's own words with any secret of the source scrubbed out.</summary>
    private ExportSourceException Explain(Exception e, string action)
    {
        var where = $"source '{_source.Name}': cannot {action} s3://{_bucket}/{_prefix}";
        var message = e switch
        {
            AmazonS3Exception { ErrorCode: "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "InvalidToken" or "ExpiredToken" } s3 =>
                $"{where}: the credentials were refused ({s3.ErrorCode}); check Credentials:AccessKeyId and Credentials:SecretAccessKey of this source.",
            AmazonS3Exception { StatusCode: HttpStatusCode.Forbidden } s3 =>
                $"{where}: access denied ({s3.ErrorCode}); the credentials need s3:ListBucket and s3:GetObject on the export's prefix.",
            AmazonS3Exception { ErrorCode: "NoSuchBucket" } =>
                $"{where}: the bucket does not exist; check Location:Bucket of this source.",
            AmazonS3Exception { ErrorCode: "NoSuchKey" } =>
                $"{where}: the object is missing.",
            AmazonServiceException service =>
                $"{where}: {service.ErrorCode ?? service.StatusCode.ToString()}: {service.Message}",
            _ when e.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase) =>
                $"{where}: no AWS credentials found in the default chain; set Credentials:AccessKeyId and Credentials:SecretAccessKey or give the host a role.",
            _ => $"{where}: {e.Message}",
        };
        foreach (var secret in _source.Credentials.Secrets())
        {
            message = message.Replace(secret, "***", StringComparison.Ordinal);
        }

        return new ExportSourceException(message, e);
    }

    /// <summary>The object's body; disposing it ends the response.</summary>
    private sealed class ResponseStream(GetObjectResponse response) : Stream
    {
        private readonly Stream _inner = response.ResponseStream;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
