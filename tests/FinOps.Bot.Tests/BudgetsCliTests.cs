using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Bot.Cli;
using FinOps.Core.Budgets;
using FinOps.Core.Forecasting;
using FinOps.Core.Query;

namespace FinOps.Bot.Tests;

/// <summary>The <c>budgets</c> verbs as scripts use them: the real executable in a child process, over a demo store.</summary>
public sealed class BudgetsCliTests : IClassFixture<CliTests.DemoStore>, IDisposable
{
    private static readonly string[] ContractKeys =
        ["id", "scope", "period", "metric", "currency", "limit", "actual", "forecast", "state", "approvedIncrease"];

    private readonly CliTests.DemoStore _store;
    private readonly List<string> _folders = [];

    public BudgetsCliTests(CliTests.DemoStore store) => _store = store;

    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Status_Json_ExactContractWithStateFromActual()
    {
        var db = CopyOfStore();
        Assert.Equal(0, (await RunAsync("budgets", "set", "payments", "1000", "--db", db)).ExitCode);
        Assert.Equal(0, (await RunAsync("budgets", "set", "payments", "$5m", "--period", "quarter", "--metric", "BilledCost", "--db", db)).ExitCode);

        var result = await RunAsync("budgets", "status", "--as-of", "2026-11-23", "--db", db, "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var root = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal(["budgets"], root.Select(p => p.Key));
        var budgets = root["budgets"]!.AsArray();
        Assert.Equal(2, budgets.Count);
        foreach (var budget in budgets)
        {
            Assert.Equal(ContractKeys, budget!.AsObject().Select(p => p.Key));
        }

        var month = budgets[0]!;
        Assert.Equal("payments-month", (string?)month["id"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"team":["payments"]}"""), month["scope"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"start":"2026-11-01","end":"2026-12-01"}"""), month["period"]));
        Assert.Equal("EffectiveCost", (string?)month["metric"]);
        Assert.Equal("USD", (string?)month["currency"]);
        Assert.Equal(1000m, (decimal)month["limit"]!);
        Assert.Equal(0m, (decimal)month["approvedIncrease"]!);
        Assert.True((decimal)month["actual"]! > 1000m, result.Stdout);
        Assert.Equal("over", (string?)month["state"]);

        var quarter = budgets[1]!;
        Assert.Equal("payments-quarter", (string?)quarter["id"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"start":"2026-10-01","end":"2027-01-01"}"""), quarter["period"]));
        Assert.Equal("BilledCost", (string?)quarter["metric"]);
        Assert.Equal(5_000_000m, (decimal)quarter["limit"]!);
        Assert.True((decimal)quarter["actual"]! > (decimal)month["actual"]!);
        Assert.Equal("ok", (string?)quarter["state"]);
    }

    [Fact]
    public async Task SetThenHistory_Json_AuditsBeforeAfterAndCli()
    {
        var db = CopyOfStore();
        await RunAsync("budgets", "set", "payments", "25k", "--db", db);
        await RunAsync("budgets", "set", "payments", "30,000", "--currency", "EUR", "--db", db);

        var history = await RunAsync("budgets", "history", "payments-month", "--json", "--db", db);
        var list = await RunAsync("budgets", "list", "--db", db);

        Assert.True(history.ExitCode == 0, history.Stderr);
        var changes = history.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["create", "update"], changes.Select(c => c.GetProperty("action").GetString()));
        Assert.All(changes, c => Assert.Equal("cli", c.GetProperty("source").GetString()));
        Assert.Equal(JsonValueKind.Null, changes[0].GetProperty("before").ValueKind);
        Assert.Equal(25000m, changes[1].GetProperty("before").GetProperty("amount").GetDecimal());
        Assert.Equal(30000m, changes[1].GetProperty("after").GetProperty("amount").GetDecimal());
        Assert.Equal("EUR", changes[1].GetProperty("after").GetProperty("currency").GetString());
        Assert.Contains("payments-month 30,000.00 EUR per month", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_BadAmountOrPeriod_UsageErrorNamingIt()
    {
        var db = CopyOfStore();

        var amount = await RunAsync("budgets", "set", "payments", "lots", "--db", db);
        var period = await RunAsync("budgets", "set", "payments", "100", "--period", "week", "--db", db);

        Assert.Equal(ExitCodes.Usage, amount.ExitCode);
        Assert.Contains("amount: 'lots'", amount.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, period.ExitCode);
        Assert.Contains("week", period.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_UnknownTeamWithRulesFile_FailsListingTeams()
    {
        var db = CopyOfStore();
        await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(db)!, "allocation.yaml"), "version: 1\nteams:\n  - key: payments\n  - key: search\n");

        var result = await RunAsync("budgets", "set", "paymnets", "100", "--db", db);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("unknown team 'paymnets'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("payments, search", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WithForecastAndIncrease_ExactJson()
    {
        var status = new BudgetStatus(
            "payments-month",
            "payments",
            new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Team] = ["payments"], [Dimension.Provider] = ["AWS"] },
            new DateRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)),
            CostMetric.BilledCost,
            "USD",
            25000m,
            2000m,
            18250.5m,
            new CostForecast("USD", 18250.5m, 28100m, 26000m, 30500.25m, new DateOnly(2026, 11, 22)),
            BudgetState.AtRisk);

        var json = BudgetStatusJson.Write([status]);

        var expected = """
            {"budgets":[{"id":"payments-month","scope":{"provider":["AWS"],"team":["payments"]},
              "period":{"start":"2026-11-01","end":"2026-12-01"},"metric":"BilledCost","currency":"USD","limit":25000,
              "actual":18250.5,"forecast":{"value":28100,"low":26000,"high":30500.25},"state":"at-risk","approvedIncrease":2000}]}
            """;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(json)), json);
    }

    /// <summary>A copy of the shared demo store in its own folder, so budgets and rules files of one test stay there.</summary>
    private string CopyOfStore()
    {
        var folder = Directory.CreateTempSubdirectory("finops-budgets-cli-").FullName;
        _folders.Add(folder);
        var db = Path.Combine(folder, "demo.db");
        File.Copy(_store.Database, db);
        return db;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FinOps.Bot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
