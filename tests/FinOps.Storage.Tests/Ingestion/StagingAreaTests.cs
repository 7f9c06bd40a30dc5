using FinOps.Storage.Ingestion;

namespace FinOps.Storage.Tests.Ingestion;

public sealed class StagingAreaTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "finops-staging-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void RemoveStale_FolderAndLockFileLeftByAKilledRun_AreDeleted()
    {
        // A killed process leaves both: its lock file was never closed (so never deleted), but the OS released its lock.
        var folder = LeftBehind("aws-prod", "0a1b2c3d4e5f60718293a4b5c6d7e8f9", withLockFile: true);

        var (removed, failed) = new StagingArea(_root).RemoveStale();

        Assert.Equal([folder], removed);
        Assert.Empty(failed);
        Assert.False(Directory.Exists(folder));
        Assert.False(File.Exists(folder + ".lock"));
    }

    [Fact]
    public void RemoveStale_FolderWithoutLockFile_IsDeleted()
    {
        var folder = LeftBehind("azure", "9f8e7d6c5b4a39281706f5e4d3c2b1a0", withLockFile: false);

        Assert.Equal([folder], new StagingArea(_root).RemoveStale().Removed);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void RemoveStale_FolderOfARunningSync_IsKeptUntilThatSyncReleasesIt()
    {
        var area = new StagingArea(_root);
        var stale = LeftBehind("aws-prod", "deadbeefdeadbeefdeadbeefdeadbeef", withLockFile: true);
        using var running = area.Claim("aws-prod");
        File.WriteAllBytes(Path.Combine(running.Path, "part-00001.csv.gz"), [1, 2, 3]);

        var (removed, _) = area.RemoveStale();

        Assert.Equal([stale], removed);
        Assert.True(File.Exists(Path.Combine(running.Path, "part-00001.csv.gz")));
        running.Dispose();
        Assert.False(Directory.Exists(running.Path));
        Assert.False(File.Exists(running.Path + ".lock"));
    }

    [Fact]
    public void RemoveStale_FoldersItDidNotCreate_AreLeftAlone()
    {
        // Ingestion:StagingPath may point at a folder that holds other things too.
        var foreign = Path.Combine(_root, "backups", "2026-01");
        Directory.CreateDirectory(foreign);
        File.WriteAllBytes(Path.Combine(foreign, "keep.txt"), [1]);
        File.WriteAllBytes(Path.Combine(_root, "backups", "notes.lock"), [1]);

        Assert.Empty(new StagingArea(_root).RemoveStale().Removed);
        Assert.True(File.Exists(Path.Combine(foreign, "keep.txt")));
        Assert.True(File.Exists(Path.Combine(_root, "backups", "notes.lock")));
    }

    [Fact]
    public void RemoveStale_NoStagingFolderYet_RemovesNothing() =>
        Assert.Empty(new StagingArea(_root).RemoveStale().Removed);

    private string LeftBehind(string source, string id, bool withLockFile)
    {
        var folder = Path.Combine(_root, source, id);
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllBytes(Path.Combine(folder, "data", "part-00001.csv.gz"), [1, 2, 3]);
        if (withLockFile)
        {
            File.WriteAllBytes(folder + ".lock", []);
        }

        return folder;
    }
}
