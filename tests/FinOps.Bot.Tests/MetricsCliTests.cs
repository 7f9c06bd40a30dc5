using System.Diagnostics;
using System.Text.Json;

namespace FinOps.Bot.Tests;

/// <summary>The <c>metrics</c> verb and unit-cost questions through the real executable.</summary>
public sealed class MetricsCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("finops-metrics-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task MetricsImport_GoodAndBadFile_StoresGoodRejectsBadWithLineAndColumnThenReplacesOnReimport()
    {
        var db = Path.Combine(_dir, "x.db");
        var good = Path.Combine(_dir, "good.csv");
        var bad = Path.Combine(_dir, "bad.csv");
        await File.WriteAllTextAsync(good, "date,metric,team,value\n2026-11-01,orders,,100\n2026-11-01,transactions,payments,120.5\n");
        await File.WriteAllTextAsync(bad, "date,metric,value\n2026-11-01,orders,999\n2026-11-02,orders,n/a\n");

        var first = await RunAsync([], "metrics", "import", good, bad, "--db", db);
        var fix = Path.Combine(_dir, "fix.csv");
        await File.WriteAllTextAsync(fix, "date,metric,value\n2026-11-01,orders,110\n");
        var second = await RunAsync([], "metrics", "import", fix, "--db", db);
        var list = await RunAsync([], "metrics", "list", "--json", "--db", db);

        Assert.Equal(1, first.ExitCode);
        Assert.Contains($"imported: {good}: 2 values of orders, transactions", first.Stdout, StringComparison.Ordinal);
        Assert.Contains($"error: {bad}, line 3, column 'value': 'n/a' is not a decimal number", first.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing from this file was stored", first.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("replaced 1 stored values of the same metric, team and date", second.Stdout, StringComparison.Ordinal);
        var series = list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["orders", "transactions"], series.Select(s => s.GetProperty("metric").GetString()));
        Assert.Equal("payments", series[1].GetProperty("team").GetString());
        Assert.Equal(JsonValueKind.Null, series[0].GetProperty("team").ValueKind);
    }

    [Fact]
    public async Task Ask_FreshStore_SeedsDemoBusinessMetricsAndAnswersCostPer1000Orders()
    {
        var db = Path.Combine(_dir, "fresh", "finops.db");

        var result = await RunAsync([("Demo__Rows", "25000")], "ask", "cost per 1,000 orders last month", "--json", "--db", db);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.True(File.Exists(Path.Combine(_dir, "fresh", "metrics", "demo-business-metrics.csv")));
        var answer = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("answer");
        var unit = answer.GetProperty("unitCost");
        Assert.Equal("orders", unit.GetProperty("metric").GetString());
        Assert.Equal(JsonValueKind.Null, unit.GetProperty("team").ValueKind);
        Assert.Equal(1000, unit.GetProperty("scale").GetInt32());
        Assert.True(unit.GetProperty("volume").GetDecimal() > 0);
        Assert.Equal(unit.GetProperty("cost").GetDecimal() * 1000 / unit.GetProperty("volume").GetDecimal(), answer.GetProperty("total").GetDecimal());
        Assert.StartsWith("Cost per 1,000 orders last month", answer.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync((string Name, string Value)[] environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FinOps.Bot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
