namespace FinOps.Storage.Ingestion;

/// <summary>The folders a sync downloads runs into: <c>&lt;root&gt;/&lt;source&gt;/&lt;id&gt;/</c>, each claimed by a lock file beside it.</summary>
/// <remarks>
/// A run's folder is deleted when its import ends; a process that dies mid-run (killed, power cut) leaves it behind. So a sync
/// first removes every folder nobody holds: the claim is <c>&lt;id&gt;.lock</c>, created before the folder and held open with
/// <see cref="FileShare.None"/> (an OS file lock, released when its process dies) for as long as the run lasts. A folder whose
/// lock can be taken is left over from a run that is over; one whose lock is held belongs to a running sync, in this process or
/// another one sharing the staging folder, and is left alone.
/// </remarks>
internal sealed class StagingArea(string root)
{
    private const string LockSuffix = ".lock";

    public string Root { get; } = root;

    /// <summary>A new folder for one run of the source, claimed until the returned folder is disposed (which deletes it).</summary>
    public StagingFolder Claim(string sourceFolder)
    {
        var parent = Path.Combine(Root, sourceFolder);
        Directory.CreateDirectory(parent);
        var path = Path.Combine(parent, Guid.NewGuid().ToString("N"));
        var claim = new FileStream(path + LockSuffix, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        Directory.CreateDirectory(path);
        return new StagingFolder(path, claim);
    }

    /// <summary>Deletes the run folders (and lock files) no running sync holds; returns the folders deleted and those that could not be.</summary>
    public (IReadOnlyList<string> Removed, IReadOnlyList<(string Folder, string Problem)> Failed) RemoveStale()
    {
        var removed = new List<string>();
        var failed = new List<(string, string)>();
        if (!Directory.Exists(Root))
        {
            return (removed, failed);
        }

        foreach (var parent in Directory.EnumerateDirectories(Root))
        {
            // Only names this class gives (32 hex digits): the staging path may be a folder shared with other things.
            var runs = Directory.EnumerateDirectories(parent).Select(d => (Folder: d, Lock: d + LockSuffix))
                .Concat(Directory.EnumerateFiles(parent, "*" + LockSuffix).Select(l => (Folder: l[..^LockSuffix.Length], Lock: l)))
                .Where(r => IsRunFolderName(Path.GetFileName(r.Folder)))
                .DistinctBy(r => r.Folder, StringComparer.Ordinal)
                .ToList();
            foreach (var (folder, lockPath) in runs)
            {
                FileStream? claim;
                try
                {
                    claim = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                }
                catch (IOException)
                {
                    continue; // held: a running sync's folder
                }
                catch (UnauthorizedAccessException e)
                {
                    failed.Add((folder, e.Message));
                    continue;
                }

                using (claim)
                {
                    try
                    {
                        if (Directory.Exists(folder))
                        {
                            Directory.Delete(folder, recursive: true);
                            removed.Add(folder);
                        }
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        failed.Add((folder, e.Message));
                    }
                }
            }
        }

        return (removed, failed);
    }

    private static bool IsRunFolderName(string name) => name.Length == 32 && name.All(char.IsAsciiHexDigitLower);
}
