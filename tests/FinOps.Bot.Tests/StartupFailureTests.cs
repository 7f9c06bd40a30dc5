using System.Net;
using System.Net.Sockets;
using FinOps.Bot.Cli;
using FinOps.Bot.Tests.Infrastructure;

namespace FinOps.Bot.Tests;

/// <summary>Issue 19: a store path, port or setting problem is one line naming it and how to fix it, no stack trace, a non-zero exit.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("finops-startup-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A folder nobody can create, root included (CI runs as root): one below a regular file.</summary>
    private string UnwritableStore()
    {
        var file = Path.Combine(_folder, "a-file");
        File.WriteAllText(file, "not a folder");
        return Path.Combine(file, "store", "costs.db");
    }

    [Theory]
    [InlineData("imports")]
    [InlineData("import")]
    [InlineData("serve")]
    public async Task Verb_StoreInUnwritableFolder_OneLineNamingThePathAndNonZeroExit(string verb)
    {
        var store = UnwritableStore();
        string[] args = verb switch
        {
            "import" => ["import", Path.Combine(AppContext.BaseDirectory, "TestData", "focus", "focus-1.0-sample.csv"), "--db", store],
            "serve" => ["serve", "--db", store, "--urls", $"http://127.0.0.1:{FreePort()}", "--Demo:SeedOnFirstRun=false"],
            _ => [verb, "--db", store],
        };

        var result = await BotProcess.RunAsync(args);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        AssertOneErrorLine(result, store, "--db");
    }

    [Fact]
    public async Task Serve_PortInUse_OneLineNamingThePortAndNonZeroExit()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var result = await BotProcess.RunAsync(["serve", "--db", Path.Combine(_folder, "costs.db"), "--urls", $"http://127.0.0.1:{port}", "--Demo:SeedOnFirstRun=false"]);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        AssertOneErrorLine(result, $"127.0.0.1:{port}", "--urls");
    }

    [Fact]
    public async Task Serve_BadCron_OneLineNamingTheSettingAndNonZeroExit()
    {
        var result = await BotProcess.RunAsync(["serve", "--db", Path.Combine(_folder, "costs.db"), "--urls", $"http://127.0.0.1:{FreePort()}", "--Digests:WeeklyCron=every monday", "--Demo:SeedOnFirstRun=false"]);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        AssertOneErrorLine(result, "Digests:WeeklyCron", "0 0 9 ? * MON");
    }

    [Fact]
    public async Task Serve_BadBudgetsDailyCron_OneLineNamingTheSettingAndNonZeroExit()
    {
        var result = await BotProcess.RunAsync(["serve", "--db", Path.Combine(_folder, "costs.db"), "--urls", $"http://127.0.0.1:{FreePort()}", "--Budgets:DailyCron=every morning", "--Demo:SeedOnFirstRun=false"]);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        AssertOneErrorLine(result, "Budgets:DailyCron 'every morning'", "0 0 7 * * ?");
        Assert.DoesNotContain("Digests", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadAnomalyAlertsDailyCron_OneLineNamingTheSettingAndNonZeroExit()
    {
        var result = await BotProcess.RunAsync(["serve", "--db", Path.Combine(_folder, "costs.db"), "--urls", $"http://127.0.0.1:{FreePort()}", "--AnomalyAlerts:DailyCron=every morning", "--Demo:SeedOnFirstRun=false"]);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        AssertOneErrorLine(result, "AnomalyAlerts:DailyCron 'every morning'");
        Assert.DoesNotContain("Digests", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_SeveralBadSettings_AllListedInOneLineWithTheBadValues()
    {
        var result = await BotProcess.RunAsync(
        [
            "serve", "--db", Path.Combine(_folder, "costs.db"), "--urls", $"http://127.0.0.1:{FreePort()}",
            "--Teams:AppId=00000000-0000-0000-0000-000000000001", "--Demo:Rows=5", "--Calendar:FiscalYearStartMonth=13",
        ]);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        AssertOneErrorLine(result, "Teams:AppPassword", "Demo:Rows must be 1,000 to 10,000,000, not 5", "Calendar:FiscalYearStartMonth");
    }

    private static void AssertOneErrorLine(BotProcessResult result, params string[] expected)
    {
        var errors = result.StderrLines.Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 1, result.Stderr);
        foreach (var text in expected)
        {
            Assert.Contains(text, errors[0], StringComparison.Ordinal);
        }

        Assert.Equal(errors, result.StderrLines);
        Assert.DoesNotContain("   at ", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
