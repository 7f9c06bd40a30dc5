using System.Diagnostics;
using System.Text.Json;
using FinOps.Core.Anomalies;
using FinOps.Storage;
using FinOps.Storage.Anomalies;
using FinOps.Storage.Data;
using Microsoft.Data.Sqlite;

namespace FinOps.Bot.Tests;

/// <summary><c>anomalies feedback</c> through the real executable: precision from the feedback stored in the cost store.</summary>
public sealed class AnomalyFeedbackCliTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly string _dir = Directory.CreateTempSubdirectory("finops-anomaly-feedback-cli-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task AnomaliesFeedback_JsonAndText_PrecisionOverallAndPerTeamWithCounts()
    {
        var db = Path.Combine(_dir, "finops.db");
        using (var database = new CostDatabase(Microsoft.Extensions.Options.Options.Create(new StorageOptions { DatabasePath = db })))
        {
            var store = new SqliteAnomalyFeedbackStore(database);
            foreach (var (id, team, kind) in new[]
            {
                ("an-1", "payments", AnomalyFeedbackKind.Expected),
                ("an-2", "payments", AnomalyFeedbackKind.Investigating),
                ("an-3", "payments", AnomalyFeedbackKind.NotAnIssue),
                ("an-4", "search", AnomalyFeedbackKind.NotAnIssue),
                ("an-4", "search", AnomalyFeedbackKind.Mute),
                ("an-5", "search", AnomalyFeedbackKind.Investigating),
            })
            {
                await store.TryAppendAsync(
                    new AnomalyFeedback(0, id, kind, team, "EC2", $"team={team}, service=EC2", "USD", AnomalyDirection.Up, new DateOnly(2026, 11, 20), 500m,
                        "pat@corp.example", "Pat Owner", At, "slack", kind == AnomalyFeedbackKind.Mute ? At.AddDays(7) : null),
                    CancellationToken.None);
            }
        }

        SqliteConnection.ClearAllPools();
        var json = await RunAsync("anomalies", "feedback", "--json", "--db", db);
        var text = await RunAsync("anomalies", "feedback", "--db", db);

        Assert.True(json.ExitCode == 0, json.Stderr);
        Assert.True(text.ExitCode == 0, text.Stderr);
        var root = JsonDocument.Parse(json.Stdout).RootElement;
        var overall = root.GetProperty("overall");
        Assert.Equal(0.6m, overall.GetProperty("precision").GetDecimal());
        Assert.Equal(
            (5, 3, 1, 2, 2, 1),
            (overall.GetProperty("judged").GetInt32(), overall.GetProperty("real").GetInt32(), overall.GetProperty("expected").GetInt32(),
             overall.GetProperty("investigating").GetInt32(), overall.GetProperty("falseAlarms").GetInt32(), overall.GetProperty("muted").GetInt32()));
        var teams = root.GetProperty("teams").EnumerateArray().ToDictionary(t => t.GetProperty("team").GetString()!, t => t.GetProperty("precision").GetDecimal());
        Assert.Equal(new Dictionary<string, decimal> { ["payments"] = 0.6667m, ["search"] = 0.5m }, teams);
        Assert.Contains("precision = real / (real + falseAlarms)", root.GetProperty("definition").GetString(), StringComparison.Ordinal);
        Assert.Contains("all teams            precision 60%", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("false alarms 2, muted 1", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnomaliesFeedback_UnknownOption_UsageError()
    {
        var result = await RunAsync("anomalies", "feedback", "--all", "--db", Path.Combine(_dir, "finops.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--all", result.Stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FinOps.Bot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Demo__SeedOnFirstRun"] = "false";
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
