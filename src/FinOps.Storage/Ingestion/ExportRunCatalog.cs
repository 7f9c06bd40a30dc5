using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FinOps.Storage.Ingestion;

/// <summary>Finds the export runs in a source's listing by their manifests, as the clouds document them.</summary>
/// <remarks>
/// AWS Data Exports (FOCUS 1.0, CUR 2.0): <c>&lt;prefix&gt;/&lt;export&gt;/data/BILLING_PERIOD=YYYY-MM/...</c> holds the parts and
/// <c>&lt;prefix&gt;/&lt;export&gt;/metadata/BILLING_PERIOD=YYYY-MM/&lt;export&gt;-Manifest.json</c> names them in <c>dataFiles</c>
/// (full <c>s3://</c> URIs) with the delivery's <c>executionId</c>; the manifest is written only after every part is in place.
/// Azure Cost Management exports: each run folder <c>&lt;root&gt;/&lt;export&gt;/&lt;YYYYMMDD-YYYYMMDD&gt;/&lt;runId&gt;/</c> holds the
/// parts and <c>manifest.json</c>, whose <c>blobs[].blobName</c> name the parts and <c>runInfo.runId</c> the run.
/// A part is matched to a listed object whose key ends the manifest's path (a local copy or a prefix may cut the front).
/// Files without a manifest are not runs: a manifest is the cloud's word that the delivery is complete. Cloud Storage sources also
/// read BigQuery export run folders closed by a <c>_SUCCESS</c> marker (<see cref="FindRunFolders"/>), a convention of ours.
/// </remarks>
internal static partial class ExportRunCatalog
{
    /// <summary>A manifest is a few KB per thousand parts; anything far larger is not one.</summary>
    private const long MaxManifestBytes = 64L << 20;

    public static bool IsManifest(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        return name.EndsWith("-Manifest.json", StringComparison.Ordinal) || string.Equals(name, "manifest.json", StringComparison.OrdinalIgnoreCase);
    }

    public static async Task<List<ExportRun>> FindAsync(IExportStore store, IReadOnlyList<ExportObject> listing, CancellationToken cancellationToken) =>
        await FindAsync(store, listing, runFolders: false, cancellationToken);

    /// <param name="runFolders">Also read BigQuery export run folders closed by a <c>_SUCCESS</c> marker (Cloud Storage sources).</param>
    public static async Task<List<ExportRun>> FindAsync(IExportStore store, IReadOnlyList<ExportObject> listing, bool runFolders, CancellationToken cancellationToken)
    {
        var byKey = listing.ToDictionary(o => o.Key, StringComparer.Ordinal);
        var runs = runFolders ? FindRunFolders(listing) : [];
        foreach (var manifest in listing.Where(o => IsManifest(o.Key)))
        {
            runs.Add(await ReadRunAsync(store, manifest, byKey, cancellationToken));
        }

        return [.. runs.OrderBy(r => r.DeliveredAt).ThenBy(r => r.RunKey, StringComparer.Ordinal)];
    }

    private static async Task<ExportRun> ReadRunAsync(IExportStore store, ExportObject manifest, Dictionary<string, ExportObject> byKey, CancellationToken cancellationToken)
    {
        if (manifest.Size > MaxManifestBytes)
        {
            return Broken(manifest, $"manifest {manifest.Key} is {manifest.Size:N0} bytes, too large to be an export manifest.");
        }

        JsonDocument json;
        try
        {
            await using var stream = await store.OpenReadAsync(manifest.Key, cancellationToken);
            json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            return Broken(manifest, $"manifest {manifest.Key} is not valid JSON ({e.Message}).");
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Broken(manifest, $"manifest {manifest.Key} is not a JSON object.");
            }

            var (runId, paths) = ReadAws(root) ?? ReadAzure(root) ?? (null, []);
            if (paths.Count == 0)
            {
                return Broken(manifest, $"manifest {manifest.Key} lists no data files (AWS 'dataFiles' or Azure 'blobs[].blobName').");
            }

            var parts = new List<ExportObject>(paths.Count);
            var missing = new List<string>();
            foreach (var path in paths)
            {
                if (Resolve(path, byKey) is { } part)
                {
                    parts.Add(part);
                }
                else
                {
                    missing.Add(path);
                }
            }

            var problem = missing.Count == 0
                ? null
                : $"manifest {manifest.Key} lists {missing.Count} part(s) that are not in the source: {string.Join(", ", missing.Take(3))}{(missing.Count > 3 ? ", ..." : "")}.";
            return new ExportRun(manifest.Key, runId ?? manifest.ETag, parts, Fingerprint(manifest, parts, missing), manifest.LastModified, problem);
        }
    }

    private static (string? RunId, List<string> Paths)? ReadAws(JsonElement root)
    {
        if (!root.TryGetProperty("dataFiles", out var files) || files.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var paths = files.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.String).Select(f => f.GetString()!).ToList();
        return (Text(root, "executionId"), paths);
    }

    private static (string? RunId, List<string> Paths)? ReadAzure(JsonElement root)
    {
        if (!root.TryGetProperty("blobs", out var blobs) || blobs.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var paths = blobs.EnumerateArray()
            .Where(b => b.ValueKind == JsonValueKind.Object)
            .Select(b => Text(b, "blobName"))
            .OfType<string>()
            .ToList();
        var runId = root.TryGetProperty("runInfo", out var runInfo) && runInfo.ValueKind == JsonValueKind.Object ? Text(runInfo, "runId") : null;
        return (runId, paths);
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The listed object a manifest path names: <c>s3://bucket/a/b/c</c> or <c>a/b/c</c> matches key <c>a/b/c</c>, <c>b/c</c> or <c>c</c> (longest first).</summary>
    private static ExportObject? Resolve(string path, Dictionary<string, ExportObject> byKey)
    {
        var key = path;
        if (key.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) || key.StartsWith("gs://", StringComparison.OrdinalIgnoreCase))
        {
            var slash = key.IndexOf('/', 5);
            key = slash < 0 ? string.Empty : key[(slash + 1)..];
        }

        key = key.TrimStart('/');
        while (key.Length > 0)
        {
            if (byKey.TryGetValue(key, out var part))
            {
                return part;
            }

            var slash = key.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                return null;
            }

            key = key[(slash + 1)..];
        }

        return null;
    }

    private static string Fingerprint(ExportObject manifest, List<ExportObject> parts, List<string> missing)
    {
        var text = new StringBuilder().Append(manifest.Key).Append('\n').Append(manifest.ETag).Append('\n');
        foreach (var part in parts)
        {
            text.Append(part.Key).Append('\t').Append(part.ETag).Append('\t').Append(part.Size).Append('\n');
        }

        foreach (var path in missing)
        {
            text.Append("missing\t").Append(path).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static ExportRun Broken(ExportObject manifest, string problem) =>
        new(manifest.Key, manifest.ETag, [], Fingerprint(manifest, [], []), manifest.LastModified, problem);
}
