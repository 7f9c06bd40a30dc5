using FinOps.Bot.Cli;
using FinOps.Bot.Tests.Infrastructure;

namespace FinOps.Bot.Tests;

/// <summary>Issue 19: a typo on the command line is an error (one line, the verb's usage, exit 2), never ignored.</summary>
public sealed class CommandLineTests
{
    /// <summary>Every verb with a misspelt verb, a misspelt option, a missing value and an extra argument; the token the error must name.</summary>
    public static TheoryData<string[], string> UsageErrors => new()
    {
        // misspelt verbs
        { ["frobnicate"], "unknown verb 'frobnicate'" },
        { ["serv"], "did you mean 'serve'?" },
        { ["imprt", "x.csv"], "did you mean 'import'?" },
        { ["allocation", "explan", "r"], "did you mean 'explain'?" },
        { ["allocation"], "'allocation' needs a verb" },
        // serve, and the bare executable (serve by default)
        { ["serve", "--url", "http://localhost:1"], "unknown option '--url' (did you mean '--urls'?)" },
        { ["serve", "--urls"], "'--urls' needs a value" },
        { ["serve", "extra"], "unexpected argument 'extra'" },
        { ["--url", "http://localhost:1"], "unknown option '--url'" },
        { ["--db"], "--db" },
        // import
        { ["import", "x.csv", "--dbb", "y.db"], "unknown option '--dbb' (did you mean '--db'?)" },
        { ["import", "x.csv", "--db"], "--db" },
        { ["import"], "paths" },
        // imports
        { ["imports", "--jsn"], "unknown option '--jsn' (did you mean '--json'?)" },
        { ["imports", "--db"], "--db" },
        { ["imports", "extra"], "unexpected argument 'extra'" },
        // demo-data
        { ["demo-data", "--row", "10"], "unknown option '--row' (did you mean '--rows'?)" },
        { ["demo-data", "--rows"], "--rows" },
        { ["demo-data", "extra"], "unexpected argument 'extra'" },
        { ["demo-data", "--rows", "10"], "--rows must be 1,000 to 10,000,000, not 10" },
        { ["demo-data", "--end", "2026-13-01"], "--end: '2026-13-01' is not a date" },
        // ask
        { ["ask", "total", "--jsn"], "unknown option '--jsn' (did you mean '--json'?)" },
        { ["ask", "total", "--as-off", "2026-06-15"], "unknown option '--as-off' (did you mean '--as-of'?)" },
        { ["ask", "total", "--as-of"], "--as-of" },
        { ["ask", "total", "extra"], "unexpected argument 'extra'" },
        { ["ask", "total", "--as-of", "23/11/2026"], "--as-of: '23/11/2026' is not a date" },
        // teams-package
        { ["teams-package", "--app-id", "a", "--domain", "d", "--outt", "x.zip"], "unknown option '--outt' (did you mean '--out'?)" },
        { ["teams-package", "--app-id"], "--app-id" },
        { ["teams-package", "--app-id", "a", "--domain", "d", "extra"], "unexpected argument 'extra'" },
        // allocation verbs
        { ["allocation", "check", "--dryrun"], "unknown option '--dryrun'" },
        { ["allocation", "check", "--db"], "--db" },
        { ["allocation", "check", "extra"], "unexpected argument 'extra'" },
        { ["allocation", "reallocate", "--dryrun"], "unknown option '--dryrun' (did you mean '--dry-run'?)" },
        { ["allocation", "reallocate", "--metric"], "--metric" },
        { ["allocation", "reallocate", "extra"], "unexpected argument 'extra'" },
        { ["allocation", "explain", "r", "--form", "2026-01-01"], "unknown option '--form' (did you mean '--from'?)" },
        { ["allocation", "explain", "r", "--from"], "--from" },
        { ["allocation", "explain", "r", "extra"], "unexpected argument 'extra'" },
        { ["allocation", "coverage", "--topp", "3"], "unknown option '--topp' (did you mean '--top'?)" },
        { ["allocation", "coverage", "--top"], "--top" },
        { ["allocation", "coverage", "extra"], "unexpected argument 'extra'" },
        { ["allocation", "showback", "payments", "--metrc", "BilledCost"], "unknown option '--metrc' (did you mean '--metric'?)" },
        { ["allocation", "showback", "--to"], "--to" },
        { ["allocation", "showback", "payments", "extra"], "unexpected argument 'extra'" },
        { ["allocation", "runs", "--jsn"], "unknown option '--jsn'" },
        { ["allocation", "runs", "--db"], "--db" },
        { ["allocation", "runs", "extra"], "unexpected argument 'extra'" },
    };

    public static TheoryData<string[]> Verbs => new()
    {
        { [] }, { ["serve"] }, { ["import"] }, { ["imports"] }, { ["demo-data"] }, { ["ask"] }, { ["teams-package"] },
        { ["allocation"] }, { ["allocation", "check"] }, { ["allocation", "reallocate"] }, { ["allocation", "explain"] },
        { ["allocation", "coverage"] }, { ["allocation", "showback"] }, { ["allocation", "runs"] },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task InvokeAsync_UsageError_OneLineNamingItThenUsageAndExit2(string[] args, string expected)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await BotCommandLine.InvokeAsync(args, output, error);

        var lines = error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.StartsWith("usage: FinOps.Bot", lines[1], StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task InvokeAsync_Help_EveryVerbPrintsUsageAndExits0(string[] verb)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await BotCommandLine.InvokeAsync([.. verb, "--help"], output, error);

        Assert.Equal(0, exitCode);
        Assert.Contains("Usage:", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task Executable_UnknownVerb_ExitsWith2InsteadOfServing()
    {
        var result = await BotProcess.RunAsync(["frobnicate"]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("error: unknown verb 'frobnicate'", result.StderrLines[0]);
        Assert.Equal(2, result.StderrLines.Count);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Executable_RelativePaths_ResolveAgainstTheCurrentFolderAsDoesTheDefaultStore()
    {
        var folder = Directory.CreateTempSubdirectory("finops-cwd-").FullName;
        try
        {
            var written = await BotProcess.RunAsync(["demo-data", "--rows", "1000", "--months", "1", "--end", "2026-02-01", "--out", "relative.csv"], folder);
            var listed = await BotProcess.RunAsync(["imports"], folder);

            Assert.Equal(0, written.ExitCode);
            Assert.True(File.Exists(Path.Combine(folder, "relative.csv")), written.Stdout + written.Stderr);
            Assert.Equal(0, listed.ExitCode);
            Assert.True(File.Exists(Path.Combine(folder, "finops.db")), "the default store is finops.db in the current folder");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task DotnetRun_RelativePaths_ResolveAgainstTheFolderItRanFromNotTheProject()
    {
        // bin/<Configuration>/net10.0/ of this test project; the bot's project was built with the same configuration.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var project = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "FinOps.Bot"));
        var folder = Directory.CreateTempSubdirectory("finops-run-").FullName;
        try
        {
            var result = await BotProcess.RunAsync(
                ["demo-data", "--rows", "1000", "--months", "1", "--end", "2026-02-01", "--out", "run.csv"],
                folder,
                prefix: ["run", "--project", project, "--no-build", "-c", configuration, "--"]);

            Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
            Assert.True(File.Exists(Path.Combine(folder, "run.csv")), result.Stdout);
            Assert.False(File.Exists(Path.Combine(project, "run.csv")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
