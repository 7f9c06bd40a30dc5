using System.Diagnostics;
using System.Text.Json;
using FinOps.Core.Approvals;
using FinOps.Core.Query;
using FinOps.Storage;
using FinOps.Storage.Approvals;
using FinOps.Storage.Data;
using Microsoft.Data.Sqlite;
using Sylvan.Data.Csv;

namespace FinOps.Bot.Tests;

/// <summary>The <c>approvals</c> verb through the real executable, over a store seeded with requests and an awkward audit.</summary>
public sealed class ApprovalsCliTests : IDisposable
{
    private const string Awkward = "launch, \"big\" one\r\nsecond line";

    private readonly string _dir = Directory.CreateTempSubdirectory("finops-approvals-cli-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ApprovalsList_Json_PrintsRequestsFilteredByStatus()
    {
        var db = await SeedAsync();

        var all = await RunAsync("approvals", "list", "--json", "--db", db);
        var approved = await RunAsync("approvals", "list", "--status", "approved", "--json", "--db", db);

        Assert.True(all.ExitCode == 0, all.Stderr);
        var requests = JsonDocument.Parse(all.Stdout).RootElement.GetProperty("approvals");
        Assert.Equal(2, requests.GetArrayLength());
        var only = Assert.Single(JsonDocument.Parse(approved.Stdout).RootElement.GetProperty("approvals").EnumerateArray());
        Assert.Equal("apr-approved", only.GetProperty("id").GetString());
        Assert.Equal("approved", only.GetProperty("status").GetString());
        Assert.Equal(1500m, only.GetProperty("approvedAmount").GetDecimal());
        Assert.Equal(2000m, only.GetProperty("amount").GetDecimal());
        Assert.Equal("2026-12-01", only.GetProperty("period").GetProperty("start").GetString());
        Assert.Equal(Awkward, only.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ApprovalsList_UnknownStatus_UsageErrorNamingTheValue()
    {
        var db = await SeedAsync();

        var result = await RunAsync("approvals", "list", "--status", "maybe", "--db", db);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("maybe", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApprovalsExport_Csv_ReadsBackWithSylvanFieldForField()
    {
        var db = await SeedAsync();
        var csv = Path.Combine(_dir, "out", "audit.csv");

        var result = await RunAsync("approvals", "export", "--csv", csv, "--db", db);

        Assert.True(result.ExitCode == 0, result.Stderr);
        await using var reader = await CsvDataReader.CreateAsync(csv);
        Assert.Equal(ApprovalAuditCsv.Header, Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        var rows = new List<Dictionary<string, string>>();
        while (await reader.ReadAsync())
        {
            rows.Add(ApprovalAuditCsv.Header.ToDictionary(h => h, h => reader.GetString(reader.GetOrdinal(h))));
        }

        Assert.Equal(["requested", "requested", "approved"], rows.Select(r => r["event"]));
        Assert.Equal(Awkward, rows[0]["note"]);
        Assert.Equal("'=cmd, \"quoted\"", rows[2]["note"]); // formula-like text is exported inert (leading apostrophe)
        Assert.Equal(("2000", "1500", "USD"), (rows[2]["amount_before"], rows[2]["amount_after"], rows[2]["currency"]));
        Assert.Equal(("payments", "2026-12-01", "mia@corp.example"), (rows[2]["team"], rows[2]["period_start"], rows[2]["requested_by"]));
        Assert.Equal("1700000000.000100", rows[2]["message_id"]);
        Assert.False(File.Exists(csv + ".tmp"));
    }

    private async Task<string> SeedAsync()
    {
        var path = Path.Combine(_dir, "finops.db");
        using var database = new CostDatabase(Microsoft.Extensions.Options.Options.Create(new StorageOptions { DatabasePath = path }));
        var store = new SqliteApprovalStore(database);
        var at = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        var december = new DateRange(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 1));
        var requester = new ApprovalParty("mia@corp.example", "Mia Member", "slack", "C0PAYMENTS");
        var approved = new ApprovalRequest("apr-approved", "payments-monthly", "payments", december, 2000m, "USD", Awkward, requester,
            ApprovalStatus.Pending, null, 0, 0, at, at, null, null, null, null, 1);
        var pending = approved with { Id = "apr-pending", Reason = "plain", CreatedAt = at.AddMinutes(1) };
        await store.CreateAsync(approved, Entry(approved, at, ApprovalEventKind.Requested, Awkward, null, 2000m), CancellationToken.None);
        await store.CreateAsync(pending, Entry(pending, at, ApprovalEventKind.Requested, "plain", null, 2000m), CancellationToken.None);
        var decided = approved with { Status = ApprovalStatus.Approved, ApprovedAmount = 1500m, DecidedBy = "Pat Owner", DecidedAt = at.AddHours(1), Version = 2 };
        Assert.True(await store.TryTransitionAsync(decided, 1, Entry(approved, at.AddHours(1), ApprovalEventKind.Approved, "=cmd, \"quoted\"", 2000m, 1500m) with { Actor = "pat@corp.example", MessageId = "1700000000.000100" }, CancellationToken.None));
        return path;
    }

    private static ApprovalEvent Entry(ApprovalRequest r, DateTimeOffset at, ApprovalEventKind kind, string note, decimal? before, decimal? after) =>
        new(0, r.Id, at, kind, r.Requester.Key, note, before, after, r.Currency, "slack", null);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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
