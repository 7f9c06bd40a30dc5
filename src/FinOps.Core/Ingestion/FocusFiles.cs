namespace FinOps.Core.Ingestion;

/// <summary>Turns the paths given to an import (files and folders) into the FOCUS files to read.</summary>
public static class FocusFiles
{
    private static readonly string[] Patterns = ["*.csv", "*.csv.gz", "*.parquet"];

    /// <summary>
    /// Files are kept as given (whatever their extension); folders are searched recursively for *.csv, *.csv.gz and
    /// *.parquet. The result is de-duplicated and sorted by ordinal full path. A path that does not exist fails with
    /// <see cref="FileNotFoundException"/> naming it.
    /// </summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("An empty path was given.", nameof(paths));
            }

            var full = Path.GetFullPath(path);
            if (File.Exists(full))
            {
                files.Add(full);
            }
            else if (Directory.Exists(full))
            {
                foreach (var pattern in Patterns)
                {
                    foreach (var file in Directory.EnumerateFiles(full, pattern, new EnumerationOptions
                             {
                                 RecurseSubdirectories = true,
                                 MatchCasing = MatchCasing.CaseInsensitive,
                                 MatchType = MatchType.Simple,
                                 IgnoreInaccessible = false,
                             }))
                    {
                        files.Add(file);
                    }
                }
            }
            else
            {
                throw new FileNotFoundException($"No such file or folder: {path}", path);
            }
        }

        return [.. files];
    }
}
