using FinOps.Core.Ingestion;

namespace FinOps.Core.Tests.Ingestion;

public sealed class FocusFilesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Expand_Folder_FindsFocusFilesRecursivelySortedOrdinal()
    {
        var b = _folder.Write("exports/b.csv", "x");
        var a = _folder.Write("exports/A.CSV", "x");
        var gz = _folder.Write("exports/2024/09/part-1.csv.gz", "x");
        var parquet = _folder.Write("exports/2024/09/part-0.parquet", "x");
        _folder.Write("exports/readme.txt", "x");
        _folder.Write("exports/2024/manifest.json", "x");
        _folder.Write("exports/old.csv.bak", "x");

        var files = FocusFiles.Expand([_folder.Combine("exports")]);

        Assert.Equal(new[] { parquet, gz, a, b }.Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public void Expand_FilesAndFolders_KeepsFilesAsGivenWithoutDuplicates()
    {
        var file = _folder.Write("data/one.csv", "x");
        var odd = _folder.Write("other/export.txt", "x");

        var files = FocusFiles.Expand([file, _folder.Combine("data"), odd]);

        Assert.Equal(new[] { file, odd }.Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public void Expand_MissingPath_FailsNamingIt()
    {
        var missing = _folder.Combine("nowhere/export.csv");

        var e = Assert.Throws<FileNotFoundException>(() => FocusFiles.Expand([missing]));

        Assert.Equal(missing, e.FileName);
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_EmptyFolder_GivesNoFiles()
    {
        Directory.CreateDirectory(_folder.Combine("empty"));

        Assert.Empty(FocusFiles.Expand([_folder.Combine("empty")]));
    }

    public void Dispose() => _folder.Dispose();
}
