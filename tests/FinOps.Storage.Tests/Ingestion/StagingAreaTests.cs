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
        var folder = LeftBehind("aws-prod", "0a1b", withLockFile: true);

        var (removed, failed) = new StagingArea(_root).RemoveStale();

        Assert.Equal([folder], removed);
        Assert.Empty(failed);
        Assert.False(Directory.Exists(folder));
        Assert.False(File.Exists(folder + ".lock"));
    }

    [Fact]
    public void RemoveStale_FolderWithoutLockFile_IsDeleted()
    {
        var folder = LeftBehind("azure", "9f8e", withLockFile: false);

        Assert.Equal([folder], new StagingArea(_root).RemoveStale().Removed);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void RemoveStale_FolderOfARunningSync_IsKeptUntilThatSyncReleasesIt()
    {
        var area = new StagingArea(_root);
        var stale = LeftBehind("aws-prod", "dead", withLockFile: true);
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
