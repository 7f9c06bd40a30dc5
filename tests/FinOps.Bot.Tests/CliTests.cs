using System.Diagnostics;
using System.Text.Json;

namespace FinOps.Bot.Tests;

/// <summary>The CLI verbs as users script them: the real executable in a child process.</summary>
public sealed class CliTests : IClassFixture<CliTests.DemoStore>
{
    private readonly DemoStore _store;

    public CliTests(DemoStore store) => _store = store;

    [Fact]
    public async Task Import_SampleAndNonFocusFile_ImportsOneRejectsOtherWithFileLineAndExitsNonZero()
    {
        using var dir = new TempDir();
        var notFocus = Path.Combine(dir.Path, "not-focus.csv");
        await File.WriteAllTextAsync(notFocus, "a,b\n1,2\n");
        var db = Path.Combine(dir.Path, "x.db");

        var result = await RunAsync("import", SamplePath, notFocus, "--db", db);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("imported: ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("1,000 rows", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("warning [effective-zero]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"error: {notFocus}:1: not a FOCUS cost export", result.Stderr, StringComparison.Ordinal);

        var again = await RunAsync("import", SamplePath, "--db", db);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("unchanged: ", again.Stdout, StringComparison.Ordinal);

        var history = await RunAsync("imports", "--json", "--db", db);
        var entries = history.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(entries, e => e.GetProperty("status").GetString() == "failed" && e.GetProperty("file").GetString() == notFocus);
        Assert.Contains(entries, e => e.GetProperty("status").GetString() == "imported" && e.GetProperty("rows").GetInt64() == 1000
            && e.GetProperty("warnings").EnumerateArray().Any(w => w.GetProperty("code").GetString() == "effective-zero" && w.GetProperty("rows").GetInt64() == 610));
    }

    [Fact]
    public async Task Import_MissingPath_ExitsWithReadableError()
    {
        var result = await RunAsync("import", "/no/such/export.csv", "--db", Path.Combine(Path.GetTempPath(), "unused.db"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("/no/such/export.csv", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_Json_FollowsTheContract()
    {
        var result = await RunAsync("ask", "top 5 services last month", "--as-of", "2026-11-23", "--json", "--db", _store.Database);

        Assert.Equal(0, result.ExitCode);
        var answer = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("top 5 services last month", answer.GetProperty("question").GetString());
        Assert.True(answer.GetProperty("understood").GetBoolean());
        var query = answer.GetProperty("query");
        Assert.Equal("2026-10-01", query.GetProperty("period").GetProperty("start").GetString());
        Assert.Equal("2026-11-01", query.GetProperty("period").GetProperty("end").GetString());
        Assert.Equal(["service"], query.GetProperty("groupBy").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(5, query.GetProperty("top").GetInt32());
        var body = answer.GetProperty("answer");
        Assert.Equal("USD", body.GetProperty("currency").GetString());
        var rows = body.GetProperty("rows").EnumerateArray().ToList();
        Assert.InRange(rows.Count, 1, 6);
        var values = rows.Select(r => r.GetProperty("value").GetDecimal()).ToList();
        Assert.Equal(values.OrderByDescending(v => v), values);
        Assert.True(rows[0].GetProperty("key").TryGetProperty("service", out _));
    }

    [Fact]
    public async Task Ask_PlainText_ShowsTheAnswerThenItsTable()
    {
        var result = await RunAsync("ask", "top 5 services last month", "--as-of", "2026-11-23", "--db", _store.Database);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(string.Empty, lines[1]);
        Assert.Matches(@"^Service\s+Amount", lines[2]);
        Assert.Matches(@"^-+(  -+)+$", lines[3]);
        Assert.InRange(lines.Count(l => l.Contains('$', StringComparison.Ordinal)), 6, 9);
    }

    [Fact]
    public async Task Ask_Stdin_AnswersEachLineInOrder()
    {
        var result = await RunAsync(["ask", "-", "--as-of", "2026-11-23", "--json", "--db", _store.Database], "cost by team last month\nwhen was the data last refreshed?\n");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("cost by team last month", JsonDocument.Parse(lines[0]).RootElement.GetProperty("question").GetString());
        Assert.Equal("when was the data last refreshed?", JsonDocument.Parse(lines[1]).RootElement.GetProperty("question").GetString());
    }

    [Fact]
    public async Task Ask_BadAsOf_ExitsNonZeroNamingTheOption()
    {
        var result = await RunAsync("ask", "total", "--as-of", "23/11/2026", "--db", _store.Database);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--as-of", result.Stderr, StringComparison.Ordinal);
    }

    private static string SamplePath => Path.Combine(AppContext.BaseDirectory, "TestData", "focus", "focus-1.0-sample.csv");

    private static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, null);

    private static async Task<CliResult> RunAsync(string[] args, string? stdin)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FinOps.Bot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private sealed record CliResult(int ExitCode, string Stdout, string Stderr);

    /// <summary>A store with a small demo data set ending 2026-11-22, made with the CLI itself.</summary>
    public sealed class DemoStore : IAsyncLifetime, IDisposable
    {
        private readonly TempDir _dir = new();

        public string Database => Path.Combine(_dir.Path, "demo.db");

        public async Task InitializeAsync()
        {
            var csv = Path.Combine(_dir.Path, "demo.csv");
            var generated = await RunAsync("demo-data", "--rows", "20000", "--end", "2026-11-23", "--out", csv);
            Assert.Equal(0, generated.ExitCode);
            var imported = await RunAsync("import", csv, "--db", Database);
            Assert.True(imported.ExitCode == 0, imported.Stderr);
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose() => _dir.Dispose();
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("finops-cli-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
