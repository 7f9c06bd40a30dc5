using System.Net;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace FinOps.Storage.Ingestion;

/// <summary>A Blob Storage container holding Azure Cost Management exports, read with Azure.Storage.Blobs.</summary>
/// <remarks>
/// Credentials: a connection string, a container SAS URL, or (with only <see cref="IngestionLocationOptions.ServiceUrl"/>,
/// the account's blob endpoint) <see cref="DefaultAzureCredential"/>: managed identity, workload identity, environment, CLI.
/// </remarks>
internal sealed class AzureBlobExportStore : IExportStore
{
    private readonly IngestionSourceOptions _source;
    private readonly BlobContainerClient _container;
    private readonly string _prefix;

    public AzureBlobExportStore(IngestionSourceOptions source)
    {
        _source = source;
        _prefix = string.IsNullOrWhiteSpace(source.Location.Prefix) ? string.Empty : source.Location.Prefix.Trim('/') + "/";
        var credentials = source.Credentials;
        var container = source.Location.Container!;
        try
        {
            _container = !string.IsNullOrEmpty(credentials.ConnectionString)
                ? new BlobContainerClient(credentials.ConnectionString, container)
                : !string.IsNullOrEmpty(credentials.SasUrl)
                    ? new BlobContainerClient(new Uri(credentials.SasUrl))
                    : new BlobServiceClient(new Uri(source.Location.ServiceUrl!), new DefaultAzureCredential()).GetBlobContainerClient(container);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or UriFormatException)
        {
            // The parser's message may quote the connection string: only its kind of problem is kept.
            throw new ExportSourceException($"source '{source.Name}': Credentials:ConnectionString or Credentials:SasUrl is not valid ({e.GetType().Name}).");
        }
    }

    public async IAsyncEnumerable<ExportObject> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = _container.GetBlobsAsync(new GetBlobsOptions { Prefix = _prefix }, cancellationToken).AsPages().GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                Page<BlobItem> page;
                try
                {
                    if (!await pages.MoveNextAsync())
                    {
                        yield break;
                    }

                    page = pages.Current;
                }
                catch (Exception e) when (e is RequestFailedException or AuthenticationFailedException or CredentialUnavailableException)
                {
                    throw Explain(e, "list");
                }

                foreach (var blob in page.Values)
                {
                    yield return new ExportObject(
                        blob.Name[_prefix.Length..],
                        blob.Properties.ContentLength ?? 0,
                        blob.Properties.ETag?.ToString() ?? string.Empty,
                        blob.Properties.LastModified ?? DateTimeOffset.MinValue);
                }
            }
        }
        finally
        {
            await pages.DisposeAsync();
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _container.GetBlobClient(_prefix + key).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return response.Value.Content;
        }
        catch (Exception e) when (e is RequestFailedException or AuthenticationFailedException or CredentialUnavailableException)
        {
            throw Explain(e, $"read '{_prefix + key}' from");
        }
    }

    public void Dispose()
    {
    }

    /// <summary>The location as shown to users: account endpoint, container and prefix; never a key or SAS token.</summary>
    public static string Describe(IngestionSourceOptions source)
    {
        var endpoint = source.Location.ServiceUrl;
        if (string.IsNullOrWhiteSpace(endpoint) && Uri.TryCreate(source.Credentials.SasUrl, UriKind.Absolute, out var sas))
        {
            endpoint = sas.GetLeftPart(UriPartial.Authority);
        }

        if (string.IsNullOrWhiteSpace(endpoint) && !string.IsNullOrEmpty(source.Credentials.ConnectionString))
        {
            try
            {
                endpoint = new BlobServiceClient(source.Credentials.ConnectionString).Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                endpoint = "(invalid connection string)";
            }
        }

        var prefix = source.Location.Prefix?.Trim('/');
        return $"{endpoint?.TrimEnd('/')}/{source.Location.Container}/{(string.IsNullOrEmpty(prefix) ? string.Empty : prefix + "/")}";
    }

    private ExportSourceException Explain(Exception e, string action)
    {
        var where = $"source '{_source.Name}': cannot {action} container '{_source.Location.Container}'{(_prefix.Length == 0 ? string.Empty : $" under '{_prefix}'")}";
        var message = e switch
        {
            RequestFailedException { ErrorCode: "AuthenticationFailed" } or RequestFailedException { Status: (int)HttpStatusCode.Unauthorized } =>
                $"{where}: the credentials were refused (AuthenticationFailed); check Credentials:ConnectionString or Credentials:SasUrl of this source.",
            // Azurite, and Azure for a SAS without list or read permission, answer 403 AuthorizationFailure.
            RequestFailedException { ErrorCode: "AuthorizationFailure" } =>
                $"{where}: the credentials were refused or lack permission (AuthorizationFailure); check Credentials:ConnectionString or Credentials:SasUrl of this source (a SAS needs read and list).",
            RequestFailedException { Status: (int)HttpStatusCode.Forbidden } r =>
                $"{where}: access denied ({r.ErrorCode}); the identity needs the Storage Blob Data Reader role on the container.",
            RequestFailedException { ErrorCode: "ContainerNotFound" } =>
                $"{where}: the container does not exist; check Location:Container of this source.",
            RequestFailedException r => $"{where}: {r.ErrorCode ?? r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            _ => $"{where}: no Azure credential was found (DefaultAzureCredential); set Credentials:ConnectionString or Credentials:SasUrl, or give the host an identity.",
        };
        foreach (var secret in _source.Credentials.Secrets())
        {
            message = message.Replace(secret, "***", StringComparison.Ordinal);
        }

        return new ExportSourceException(message, e);
    }
}
