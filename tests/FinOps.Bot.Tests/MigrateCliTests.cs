using System.Diagnostics;
using System.Security.Cryptography;
using FinOps.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FinOps.Bot.Tests;

/// <summary>The <c>migrate</c> verb run as the real executable in a child process, against SQLite files and a throwaway PostgreSQL database.</summary>
public sealed class MigrateCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("finops-migrate-").FullName;
    private readonly List<string> _databases = [];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        foreach (var database in _databases)
        {
            PostgreSqlCluster.Shared.DropDatabase(database);
        }
    }

    [Fact]
    public async Task Migrate_PostgreSql_AppliesEachPartOnce_ThenNothingToDo()
    {
        var connectionString = NewDatabase();
        var settings = PostgreSql(connectionString);

        var first = await RunAsync(settings, "migrate");
        var second = await RunAsync(settings, "migrate");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("_PgInitial", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("applied queue: ", first.Stdout, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.StartsWith("nothing to do: PostgreSQL database", second.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgreSqlCluster.Shared.Password, first.Stdout + first.Stderr + second.Stdout + second.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_PostgreSqlWrongPassword_ExitsOneNamingSettingWithoutPassword()
    {
        var wrong = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var connectionString = new NpgsqlConnectionStringBuilder(NewDatabase()) { Password = wrong }.ConnectionString;

        var result = await RunAsync(PostgreSql(connectionString), "migrate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Storage:ConnectionString", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("password authentication failed", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_PostgreSqlWithoutConnectionString_ExitsOneNamingSetting()
    {
        var result = await RunAsync(new Dictionary<string, string> { ["Storage__Provider"] = "PostgreSql" }, "migrate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Storage:ConnectionString must be set when Storage:Provider is PostgreSql", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_Sqlite_CreatesBothFiles_ThenNothingToDo()
    {
        var db = Path.Combine(_folder, "store", "finops.db");

        var first = await RunAsync(new Dictionary<string, string>(), "migrate", "--db", db);
        var second = await RunAsync(new Dictionary<string, string>(), "migrate", "--db", db);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("applied cost: ", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("applied queue: ", first.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(db));
        Assert.True(File.Exists(Path.Combine(_folder, "store", "finops.queue.db")));
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.StartsWith("nothing to do: ", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_PostgreSql_StopsWithOneLineSayingCostFactsStillNeedSqlite()
    {
        var settings = PostgreSql(NewDatabase());
        settings["Demo__SeedOnFirstRun"] = "false";

        var result = await RunAsync(settings, "serve", "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains("not stored on PostgreSQL yet", error, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgreSqlCluster.Shared.Password, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    private string NewDatabase()
    {
        var connectionString = PostgreSqlCluster.Shared.CreateDatabase();
        _databases.Add(connectionString);
        return connectionString;
    }

    private static Dictionary<string, string> PostgreSql(string connectionString) => new()
    {
        ["Storage__Provider"] = "PostgreSql",
        ["Storage__ConnectionString"] = connectionString,
    };

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FinOps.Bot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
