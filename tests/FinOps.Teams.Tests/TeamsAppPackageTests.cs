using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using FinOps.Teams.Package;

namespace FinOps.Teams.Tests;

public sealed class TeamsAppPackageTests : IDisposable
{
    private const string AppId = "5f2f3b3c-1d2e-4f5a-8b9c-0d1e2f3a4b5c";
    private readonly string _directory = Directory.CreateTempSubdirectory("teams-package-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void WriteZip_AppIdAndDomain_ManifestFilledAndIconsAtRoot()
    {
        var path = TeamsAppPackage.WriteZip(AppId, Path.Combine(_directory, "finops-bot.zip"), "https://finops.example.com/api/messages");

        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        var manifest = ReadManifest(zip);
        Assert.Equal(AppId, (string?)manifest["id"]);
        Assert.Equal(AppId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal("finops.example.com", (string?)manifest["validDomains"]![0]);
        Assert.DoesNotContain("{{", manifest.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["personal", "team", "groupChat"], manifest["bots"]![0]!["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.NotEmpty(manifest["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray());
        Assert.Equal((192, 192, 6), PngHeader(zip.GetEntry("color.png")!));
        Assert.Equal((32, 32, 6), PngHeader(zip.GetEntry("outline.png")!));
    }

    [Fact]
    public void WriteZip_ManifestMatchesMicrosoftSchema()
    {
        var path = TeamsAppPackage.WriteZip(AppId, Path.Combine(_directory, "finops-bot.zip"), "finops.example.com");
        using var zip = ZipFile.OpenRead(path);
        var manifestPath = Path.Combine(_directory, "manifest.json");
        File.WriteAllText(manifestPath, ReadManifest(zip).ToJsonString());

        var (exitCode, output) = RunOracle(manifestPath);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void WriteZip_InvalidManifest_OracleRejects()
    {
        var path = TeamsAppPackage.WriteZip(AppId, Path.Combine(_directory, "finops-bot.zip"), "finops.example.com");
        using var zip = ZipFile.OpenRead(path);
        var manifest = ReadManifest(zip);
        manifest["bots"]![0]!["scopes"] = new JsonArray("everywhere");
        var manifestPath = Path.Combine(_directory, "manifest.json");
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var (exitCode, _) = RunOracle(manifestPath);

        Assert.NotEqual(0, exitCode);
    }

    [Theory]
    [InlineData("not-a-guid", "finops.example.com")]
    [InlineData(AppId, "bad domain with spaces")]
    public void WriteZip_BadArguments_Throws(string appId, string domain)
    {
        Assert.Throws<ArgumentException>(() => TeamsAppPackage.WriteZip(appId, Path.Combine(_directory, "x.zip"), domain));
    }

    private static JsonObject ReadManifest(ZipArchive zip)
    {
        using var stream = zip.GetEntry("manifest.json")!.Open();
        return JsonNode.Parse(stream)!.AsObject();
    }

    private static (int Width, int Height, int ColorType) PngHeader(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var header = new byte[26];
        stream.ReadExactly(header);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], header[..4]);
        return (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)), header[25]);
    }

    private static (int ExitCode, string Output) RunOracle(string manifestPath)
    {
        var oracle = Path.Combine(RepositoryRoot(), "tests", "oracles", "teams-manifest");
        if (!Directory.Exists(Path.Combine(oracle, "node_modules")))
        {
            var install = Run(oracle, "npm", "ci --no-audit --no-fund");
            Assert.True(install.ExitCode == 0, install.Output);
        }

        return Run(oracle, "node", $"validate.js \"{manifestPath}\"");
    }

    public static (int ExitCode, string Output) Run(string directory, string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FinOps.Bot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Repository root (FinOps.Bot.sln) not found.");
    }
}
