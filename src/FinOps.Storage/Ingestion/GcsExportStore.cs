using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Google;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Responses;
using Google.Apis.Storage.v1;
using Google.Cloud.Storage.V1;
using GcsObject = Google.Apis.Storage.v1.Data.Object;

namespace FinOps.Storage.Ingestion;

/// <summary>A Cloud Storage bucket holding FOCUS data exported from BigQuery, read with Google.Cloud.Storage.V1.</summary>
/// <remarks>
/// Credentials: a service-account key (a file path or the JSON itself), else application default credentials
/// (<c>GOOGLE_APPLICATION_CREDENTIALS</c>, gcloud's user login, the metadata server of GCE, GKE, Cloud Run). The key is used through
/// the library's own OAuth flow (a JWT signed with the key, exchanged at the key's <c>token_uri</c>) with the read-only scope.
/// An object's ETag here is its generation number: Cloud Storage gives every write of an object a new one. A part is downloaded at
/// the generation it was listed with, so a run's fingerprint and the bytes imported always belong together; the library checks each
/// download against the object's CRC32C.
/// </remarks>
internal sealed class GcsExportStore : IExportStore
{
    private const string GenerationPrefix = "g";

    private readonly IngestionSourceOptions _source;
    private readonly StorageClient _client;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly ConcurrentDictionary<string, long> _listedGenerations = new(StringComparer.Ordinal);

    public GcsExportStore(IngestionSourceOptions source)
    {
        _source = source;
        _bucket = source.Location.Bucket!;
        _prefix = NormalizePrefix(source.Location.Prefix);
        var builder = new StorageClientBuilder
        {
            GoogleCredential = Credential(source).CreateScoped(StorageService.Scope.DevstorageReadOnly),
            // A key is exchanged at its token_uri for an access token (the OAuth 2.0 JWT-bearer flow), not sent as a self-signed JWT
            // (the builder's default): one flow that any Cloud Storage endpoint accepts, private ones and test servers included.
            UseJwtAccessWithScopes = false,
        };
        if (!string.IsNullOrWhiteSpace(source.Location.ServiceUrl))
        {
            builder.BaseUri = source.Location.ServiceUrl.TrimEnd('/') + "/storage/v1/";
        }

        _client = builder.Build();
    }

    /// <summary>The location as shown to users: <c>gs://bucket/prefix</c> (and the endpoint when not Google's), no credentials.</summary>
    public static string Describe(IngestionSourceOptions source) =>
        $"gs://{source.Location.Bucket}/{NormalizePrefix(source.Location.Prefix)}"
        + (string.IsNullOrWhiteSpace(source.Location.ServiceUrl) ? string.Empty : $" at {source.Location.ServiceUrl}");

    public async IAsyncEnumerable<ExportObject> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var objects = _client.ListObjectsAsync(_bucket, _prefix).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                GcsObject item;
                try
                {
                    if (!await objects.MoveNextAsync())
                    {
                        yield break;
                    }

                    item = objects.Current;
                }
                catch (Exception e) when (IsServiceFailure(e))
                {
                    throw Explain(e, "list");
                }

                if (item.Name.EndsWith('/'))
                {
                    continue;
                }

                var key = item.Name[_prefix.Length..];
                var generation = item.Generation ?? 0;
                _listedGenerations[key] = generation;
                yield return new ExportObject(
                    key,
                    checked((long)(item.Size ?? 0)),
                    GenerationPrefix + generation.ToString(CultureInfo.InvariantCulture),
                    item.UpdatedDateTimeOffset ?? DateTimeOffset.MinValue);
            }
        }
        finally
        {
            await objects.DisposeAsync();
        }
    }

    /// <summary>The object in a temporary file (deleted on dispose): the library downloads into a stream, not from one.</summary>
    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var buffer = new FileStream(
            Path.Combine(Path.GetTempPath(), "finops-gcs-" + Guid.NewGuid().ToString("N")),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            1 << 16,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await CopyToAsync(key, buffer, cancellationToken);
            buffer.Position = 0;
            return buffer;
        }
        catch
        {
            await buffer.DisposeAsync();
            throw;
        }
    }

    public async Task CopyToAsync(string key, Stream destination, CancellationToken cancellationToken)
    {
        var options = new DownloadObjectOptions();
        if (_listedGenerations.TryGetValue(key, out var generation) && generation != 0)
        {
            options.Generation = generation;
        }

        try
        {
            await _client.DownloadObjectAsync(_bucket, _prefix + key, destination, options, cancellationToken);
        }
        catch (Exception e) when (IsServiceFailure(e) || e is IOException)
        {
            throw Explain(e, $"read '{_prefix + key}' from");
        }
    }

    public void Dispose() => _client.Dispose();

    private static string NormalizePrefix(string? prefix) =>
        string.IsNullOrWhiteSpace(prefix) ? string.Empty : prefix.Trim('/') + "/";

    private static bool IsServiceFailure(Exception e) =>
        e is GoogleApiException or TokenResponseException or HttpRequestException or InvalidOperationException;

    private static GoogleCredential Credential(IngestionSourceOptions source)
    {
        var credentials = source.Credentials;
        try
        {
            if (!string.IsNullOrEmpty(credentials.ServiceAccountKeyJson))
            {
                return CredentialFactory.FromJson(credentials.ServiceAccountKeyJson, JsonCredentialParameters.ServiceAccountCredentialType);
            }

            if (!string.IsNullOrEmpty(credentials.ServiceAccountKeyPath))
            {
                return CredentialFactory.FromFile(credentials.ServiceAccountKeyPath, JsonCredentialParameters.ServiceAccountCredentialType);
            }

            return GoogleCredential.GetApplicationDefault();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ExportSourceException(
                $"source '{source.Name}': cannot read the service-account key file {credentials.ServiceAccountKeyPath} ({e.GetType().Name}); check Credentials:ServiceAccountKeyPath of this source.");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            // The parser's words may quote the key: only which setting is wrong is kept.
            var setting = !string.IsNullOrEmpty(credentials.ServiceAccountKeyJson) ? "Credentials:ServiceAccountKeyJson"
                : !string.IsNullOrEmpty(credentials.ServiceAccountKeyPath) ? $"the file at Credentials:ServiceAccountKeyPath ({credentials.ServiceAccountKeyPath})"
                : null;
            throw new ExportSourceException(setting is null
                ? $"source '{source.Name}': no Google application default credentials were found; set Credentials:ServiceAccountKeyPath or Credentials:ServiceAccountKeyJson, or GOOGLE_APPLICATION_CREDENTIALS."
                : $"source '{source.Name}': {setting} is not a Google service-account key (JSON with type 'service_account', client_email and private_key).");
        }
    }

    /// <summary>One line naming the source and what to fix; the service's own words with any secret of the source scrubbed out.</summary>
    private ExportSourceException Explain(Exception e, string action)
    {
        var where = $"source '{_source.Name}': cannot {action} gs://{_bucket}/{_prefix}";
        var token = e as TokenResponseException ?? e.InnerException as TokenResponseException;
        var message = (e, token) switch
        {
            (_, { } refused) =>
                $"{where}: the service-account key was refused ({refused.Error?.Error}{(string.IsNullOrEmpty(refused.Error?.ErrorDescription) ? "" : ": " + refused.Error.ErrorDescription)}); " +
                "check Credentials:ServiceAccountKeyPath or Credentials:ServiceAccountKeyJson of this source.",
            (GoogleApiException { HttpStatusCode: HttpStatusCode.Unauthorized }, _) =>
                $"{where}: the credentials were refused (401); check Credentials:ServiceAccountKeyPath or Credentials:ServiceAccountKeyJson of this source.",
            (GoogleApiException { HttpStatusCode: HttpStatusCode.Forbidden }, _) =>
                $"{where}: access denied (403); the account needs storage.objects.list and storage.objects.get on the bucket (e.g. roles/storage.objectViewer).",
            (GoogleApiException { HttpStatusCode: HttpStatusCode.NotFound }, _) when action == "list" =>
                $"{where}: the bucket does not exist; check Location:Bucket of this source.",
            (GoogleApiException { HttpStatusCode: HttpStatusCode.NotFound }, _) =>
                $"{where}: the object is missing, or was rewritten since it was listed (the next sync reads the new one).",
            (GoogleApiException api, _) => $"{where}: {(int)api.HttpStatusCode}: {api.Error?.Message ?? api.Message}",
            _ => $"{where}: {e.Message}",
        };
        foreach (var secret in _source.Credentials.Secrets())
        {
            message = message.Replace(secret, "***", StringComparison.Ordinal);
        }

        return new ExportSourceException(message, e);
    }
}
