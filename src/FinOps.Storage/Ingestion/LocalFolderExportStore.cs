using System.Globalization;
using System.Runtime.CompilerServices;

namespace FinOps.Storage.Ingestion;

/// <summary>A local or mounted folder laid out as the cloud delivers exports into a bucket.</summary>
internal sealed class LocalFolderExportStore : IExportStore
{
    private readonly string _sourceName;
    private readonly string _root;

    public LocalFolderExportStore(string sourceName, string path)
    {
        _sourceName = sourceName;
        _root = Path.GetFullPath(path);
    }

    public async IAsyncEnumerable<ExportObject> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        if (!Directory.Exists(_root))
        {
            throw new ExportSourceException($"source '{_sourceName}': folder {_root} does not exist or cannot be read.");
        }

        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var info = new FileInfo(file);
            var key = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            var etag = string.Create(CultureInfo.InvariantCulture, $"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}");
            yield return new ExportObject(key, info.Length, etag, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        try
        {
            return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ExportSourceException($"source '{_sourceName}': cannot read {path}: {e.Message}", e);
        }
    }

    public void Dispose()
    {
    }
}
