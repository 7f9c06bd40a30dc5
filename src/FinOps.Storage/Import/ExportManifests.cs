using System.Text.Json;

namespace FinOps.Storage.Import;

/// <summary>The export manifests found beside the files of a run: the cloud's own word on which files are parts of one export.</summary>
/// <remarks>
/// AWS Data Exports (CUR 2.0, FOCUS) deliver <c>&lt;export&gt;-Manifest.json</c> with <c>dataFiles</c>, the S3 URIs of
/// every part; it sits in <c>metadata/&lt;partition&gt;/</c> beside <c>data/&lt;partition&gt;/</c>, or next to the parts
/// when they were downloaded into one folder. Azure Cost Management exports partitioned by size write <c>manifest.json</c>
/// whose <c>blobs</c> name each part (<c>blobName</c>). Parts are matched by file name. A manifest that cannot be read
/// is no evidence and is ignored; the row check of <see cref="RunOverlap"/> still applies.
/// </remarks>
internal sealed class ExportManifests
{
    private readonly List<(string Folder, HashSet<string> Parts)> _manifests;

    private ExportManifests(List<(string Folder, HashSet<string> Parts)> manifests) => _manifests = manifests;

    public static ExportManifests None { get; } = new([]);

    public int Count => _manifests.Count;

    /// <summary>Reads the manifests in the folders of <paramref name="files"/> (and the AWS <c>metadata</c> folder beside a <c>data</c> folder).</summary>
    public static ExportManifests Find(IEnumerable<string> files)
    {
        var manifests = new List<(string Folder, HashSet<string> Parts)>();
        foreach (var folder in files.Select(Path.GetDirectoryName).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            foreach (var manifest in Candidates(folder))
            {
                if (Read(manifest) is { Count: > 0 } parts)
                {
                    manifests.Add((folder, parts));
                }
            }
        }

        return new ExportManifests(manifests);
    }

    /// <summary>Whether one manifest lists both files as parts of its export.</summary>
    public bool AreParts(string a, string b)
    {
        var (folderA, nameA) = (Path.GetDirectoryName(a), Path.GetFileName(a));
        var (folderB, nameB) = (Path.GetDirectoryName(b), Path.GetFileName(b));
        return _manifests.Any(m =>
            string.Equals(m.Folder, folderA, StringComparison.Ordinal) && string.Equals(m.Folder, folderB, StringComparison.Ordinal)
            && m.Parts.Contains(nameA) && m.Parts.Contains(nameB));
    }

    private static List<string> Candidates(string folder)
    {
        var found = new List<string>();
        AddManifests(folder, found);

        // AWS: <export>/data/BILLING_PERIOD=2026-01/part.csv.gz and <export>/metadata/BILLING_PERIOD=2026-01/<export>-Manifest.json.
        var parent = Path.GetDirectoryName(folder);
        if (parent is not null && string.Equals(Path.GetFileName(parent), "data", StringComparison.OrdinalIgnoreCase)
            && Path.GetDirectoryName(parent) is { } export)
        {
            AddManifests(Path.Combine(export, "metadata", Path.GetFileName(folder)), found);
        }

        return found;
    }

    private static void AddManifests(string folder, List<string> found)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        found.AddRange(Directory.EnumerateFiles(folder, "*.json")
            .Where(f => Path.GetFileName(f).EndsWith("manifest.json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal));
    }

    private static HashSet<string>? Read(string manifest)
    {
        try
        {
            using var stream = File.OpenRead(manifest);
            using var json = JsonDocument.Parse(stream);
            var parts = new HashSet<string>(StringComparer.Ordinal);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (json.RootElement.TryGetProperty("dataFiles", out var dataFiles) && dataFiles.ValueKind == JsonValueKind.Array)
            {
                foreach (var file in dataFiles.EnumerateArray())
                {
                    if (file.ValueKind == JsonValueKind.String)
                    {
                        parts.Add(LastSegment(file.GetString()!));
                    }
                }
            }

            if (json.RootElement.TryGetProperty("blobs", out var blobs) && blobs.ValueKind == JsonValueKind.Array)
            {
                foreach (var blob in blobs.EnumerateArray())
                {
                    if (blob.ValueKind == JsonValueKind.Object && blob.TryGetProperty("blobName", out var name) && name.ValueKind == JsonValueKind.String)
                    {
                        parts.Add(LastSegment(name.GetString()!));
                    }
                }
            }

            return parts;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static string LastSegment(string uri) => uri[(uri.LastIndexOfAny(['/', '\\']) + 1)..];
}
