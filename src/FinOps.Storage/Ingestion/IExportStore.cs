namespace FinOps.Storage.Ingestion;

/// <summary>Read access to one source's export location, through the platform's own SDK.</summary>
/// <remarks>Failures to reach or read the location are <see cref="ExportSourceException"/>s that name the source and hold no secret.</remarks>
internal interface IExportStore : IDisposable
{
    /// <summary>Every object under the source's prefix or folder.</summary>
    IAsyncEnumerable<ExportObject> ListAsync(CancellationToken cancellationToken);

    /// <summary>Streams one object's content (not buffered whole).</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Streams one object's content into <paramref name="destination"/> (a store whose SDK downloads into a stream overrides it).</summary>
    async Task CopyToAsync(string key, Stream destination, CancellationToken cancellationToken)
    {
        await using var input = await OpenReadAsync(key, cancellationToken);
        await input.CopyToAsync(destination, 1 << 16, cancellationToken);
    }

    /// <summary>Streams the version of <paramref name="part"/> that was listed into <paramref name="destination"/>.</summary>
    /// <remarks>
    /// A store that can ask for that version (by its ETag) overrides it and fails with an <see cref="ExportSourceException"/> when
    /// the object has changed since it was listed; the caller checks the size.
    /// </remarks>
    Task CopyToAsync(ExportObject part, Stream destination, CancellationToken cancellationToken) => CopyToAsync(part.Key, destination, cancellationToken);
}
