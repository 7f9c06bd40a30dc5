using System.Globalization;
using System.Text.RegularExpressions;

namespace FinOps.Storage.Ingestion;

internal static partial class ExportRunCatalog
{
    /// <summary>The marker that closes a run folder (our convention, written by the export job after <c>EXPORT DATA</c> succeeded).</summary>
    public const string RunFolderMarker = "_SUCCESS";

    /// <summary>
    /// BigQuery export run folders: a folder holding a <see cref="RunFolderMarker"/> object is one run, and its parts are the data
    /// files directly in it whose names carry BigQuery's 12-digit wildcard number (<c>focus-000000000000.csv.gz</c>, ...).
    /// </summary>
    /// <remarks>
    /// Google documents that <c>EXPORT DATA</c> and extract jobs with a wildcard URI replace the <c>*</c> with a zero-padded 12-digit
    /// number counting from 0; they write no manifest. The marker is ours: BigQuery cannot say when a whole export is in place, so the
    /// job that runs the export writes <c>_SUCCESS</c> after it, and a folder without one is still being written (not read).
    /// The numbers of each wildcard must run 0..n-1: a gap is a missing part and rejects the run; a missing last part cannot be seen.
    /// The run's id is its folder (relative to the source prefix); its fingerprint covers the marker's and the parts' generations, so
    /// an export that rewrites a folder in place (<c>overwrite=true</c>, then a new marker) is read again.
    /// </remarks>
    public static List<ExportRun> FindRunFolders(IReadOnlyList<ExportObject> listing)
    {
        var runs = new List<ExportRun>();
        foreach (var marker in listing.Where(o => o.Key == RunFolderMarker || o.Key.EndsWith("/" + RunFolderMarker, StringComparison.Ordinal)))
        {
            var folder = marker.Key[..^RunFolderMarker.Length];
            var parts = new List<(ExportObject Part, string Wildcard, long Number)>();
            foreach (var item in listing)
            {
                if (!item.Key.StartsWith(folder, StringComparison.Ordinal) || item.Key.IndexOf('/', folder.Length) >= 0)
                {
                    continue;
                }

                var name = item.Key[folder.Length..];
                if (IsDataFile(name) && ShardNumber().Match(name) is { Success: true } match)
                {
                    var wildcard = name[..match.Index] + "*" + name[(match.Index + match.Length)..];
                    parts.Add((item, wildcard, long.Parse(match.Value, NumberStyles.None, CultureInfo.InvariantCulture)));
                }
            }

            var runId = folder.Length == 0 ? "/" : folder.TrimEnd('/');
            var ordered = parts.OrderBy(p => p.Wildcard, StringComparer.Ordinal).ThenBy(p => p.Number).Select(p => p.Part).ToList();
            var gaps = parts
                .GroupBy(p => p.Wildcard, StringComparer.Ordinal)
                .SelectMany(g =>
                {
                    var numbers = g.Select(p => p.Number).ToHashSet();
                    return LongRange(numbers.Max()).Where(n => !numbers.Contains(n)).Select(n => g.Key.Replace("*", n.ToString("D12", CultureInfo.InvariantCulture), StringComparison.Ordinal));
                })
                .ToList();
            var problem = ordered.Count == 0
                ? $"run folder {folder} has {RunFolderMarker} but no data files named as BigQuery's wildcard export names them (e.g. focus-000000000000.csv.gz)."
                : gaps.Count > 0
                    ? $"run folder {folder} misses {gaps.Count} part(s) between the ones delivered: {string.Join(", ", gaps.Take(3))}{(gaps.Count > 3 ? ", ..." : "")}."
                    : null;
            runs.Add(new ExportRun(marker.Key, runId, ordered, Fingerprint(marker, ordered, gaps), marker.LastModified, problem));
        }

        return runs;
    }

    private static bool IsDataFile(string name) =>
        name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<long> LongRange(long max)
    {
        for (long n = 0; n <= max; n++)
        {
            yield return n;
        }
    }

    /// <summary>The last run of exactly 12 digits in a name: BigQuery's wildcard number.</summary>
    [GeneratedRegex(@"(?<!\d)\d{12}(?!\d)(?!.*(?<!\d)\d{12}(?!\d))", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ShardNumber();
}
