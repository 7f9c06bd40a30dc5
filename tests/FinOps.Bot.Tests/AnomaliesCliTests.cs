using System.Diagnostics;
using System.Text.Json;

namespace FinOps.Bot.Tests;

/// <summary>The <c>anomalies</c> verb through the real executable: the JSON contract used for evaluation.</summary>
public sealed class AnomaliesCliTests : IDisposable
{
    private static readonly string[] ContractFields =
        ["id", "scope", "start", "end", "detectedOn", "status", "metric", "currency", "actual", "expected", "impact", "direction", "kind", "rootCauses"];

    private static readonly string[] Dimensions = ["team", "service", "account", "region", "provider", "category", "resource"];

    private readonly string _dir = Directory.CreateTempSubdirectory("finops-anomalies-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Anomalies_DemoStoreJson_OneIncidentPerPlantedAnomalyInTheContractShape()
    {
        var db = Path.Combine(_dir, "finops.db");

        var alerts = await RunAsync("anomalies", "--json", "--db", db);
        var all = await RunAsync("anomalies", "--all", "--json", "--db", db);

        Assert.True(alerts.ExitCode == 0, alerts.Stderr);
        Assert.True(all.ExitCode == 0, all.Stderr);
        var anomalies = JsonDocument.Parse(alerts.Stdout).RootElement.GetProperty("anomalies").EnumerateArray().ToList();
        var raw = JsonDocument.Parse(all.Stdout).RootElement.GetProperty("anomalies").EnumerateArray().ToList();
        Assert.True(raw.Count >= anomalies.Count);
        foreach (var a in anomalies.Concat(raw))
        {
            AssertContract(a);
        }

        // The demo's runaway training job (26 days before the end, 6 days) is reported once, at the team and service.
        var runaway = Assert.Single(anomalies, a => a.GetProperty("scope").TryGetProperty("service", out var s) && s.GetString() == "Vertex AI");
        Assert.Equal("ml", runaway.GetProperty("scope").GetProperty("team").GetString());
        Assert.Equal("up", runaway.GetProperty("direction").GetString());
        Assert.Equal("resolved", runaway.GetProperty("status").GetString());
        Assert.DoesNotContain(anomalies, a => a.GetProperty("scope").TryGetProperty("team", out var t) && t.GetString() == "ml"
            && !a.GetProperty("scope").TryGetProperty("service", out _) && a.GetProperty("start").GetString() == runaway.GetProperty("start").GetString());
        var cause = runaway.GetProperty("rootCauses")[0];
        Assert.Equal("llm-finetune-runaway", cause.GetProperty("key").GetProperty("resource").GetString());
        Assert.Equal(runaway.GetProperty("start").GetString(), cause.GetProperty("newSince").GetString());
        Assert.Equal(6, DateOnly.Parse(runaway.GetProperty("end").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DayNumber
            - DateOnly.Parse(runaway.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DayNumber);
    }

    [Fact]
    public async Task Anomalies_ToBeforeFrom_UsageErrorExit2()
    {
        var db = Path.Combine(_dir, "empty.db");

        var result = await RunAsync("anomalies", "--from", "2026-05-01", "--to", "2026-04-01", "--json", "--db", db);
        var badDate = await RunAsync("anomalies", "--from", "yesterday", "--db", db);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--to (2026-04-01) must be after --from (2026-05-01)", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badDate.ExitCode);
        Assert.Contains("'yesterday' is not a date", badDate.Stderr, StringComparison.Ordinal);
    }

    private static void AssertContract(JsonElement a)
    {
        Assert.Equal(ContractFields, a.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("an-", a.GetProperty("id").GetString(), StringComparison.Ordinal);
        var scope = a.GetProperty("scope").EnumerateObject().ToList();
        Assert.NotEmpty(scope);
        Assert.All(scope, p => Assert.Contains(p.Name, Dimensions));
        Assert.Contains(a.GetProperty("status").GetString(), new[] { "open", "resolved" });
        Assert.Equal("EffectiveCost", a.GetProperty("metric").GetString());
        Assert.Contains(a.GetProperty("direction").GetString(), new[] { "up", "down" });
        var start = Day(a, "start");
        var end = Day(a, "end");
        Assert.True(end > start);
        Assert.Equal(start.AddDays(1), Day(a, "detectedOn"));
        Assert.InRange(a.GetProperty("actual").GetDecimal() - a.GetProperty("expected").GetDecimal() - a.GetProperty("impact").GetDecimal(), -0.02m, 0.02m);
        Assert.Equal(a.GetProperty("direction").GetString() == "up", a.GetProperty("impact").GetDecimal() > 0);
        var causes = a.GetProperty("rootCauses").EnumerateArray().ToList();
        Assert.True(causes.Count <= 10);
        var impacts = causes.Select(c => Math.Abs(c.GetProperty("impact").GetDecimal())).ToList();
        Assert.Equal(impacts.OrderDescending(), impacts);
        Assert.All(causes, c => Assert.All(c.GetProperty("key").EnumerateObject(), p => Assert.Contains(p.Name, Dimensions)));
    }

    private static DateOnly Day(JsonElement a, string name) =>
        DateOnly.ParseExact(a.GetProperty(name).GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FinOps.Bot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A small demo store is enough: it still has the planted anomalies.
        start.Environment["Demo__Rows"] = "25000";
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
