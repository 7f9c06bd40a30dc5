using System.Diagnostics;
using System.Text.Json;
using FinOps.Storage;
using FinOps.Storage.Queue;
using FinOps.Storage.Reliability;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Tests;

/// <summary>The <c>dead-letters</c> verb run as the real executable in a child process, over a queue file written in the test.</summary>
public sealed class DeadLettersCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("finops-dead-letters-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task DeadLetters_Json_OneObjectPerDeadLetterWithError()
    {
        var db = Path.Combine(_folder, "x.db");
        await SeedAsync(db);

        var result = await RunAsync("dead-letters", "--json", "--db", db);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var letters = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var letter = Assert.Single(letters);
        Assert.Equal("slack", letter.GetProperty("channel").GetString());
        Assert.Equal("digest:2026-W10:C0GONE", letter.GetProperty("key").GetString());
        Assert.Equal("channel_not_found", letter.GetProperty("error").GetString());
        Assert.Equal(1, letter.GetProperty("attempts").GetInt32());
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), letter.GetProperty("failedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task DeadLetters_Text_OneLinePerDeadLetterNamingKeyAndError()
    {
        var db = Path.Combine(_folder, "x.db");
        await SeedAsync(db);

        var result = await RunAsync("dead-letters", "--db", db);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var line = Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("2026-03-02 09:00Z slack digest:2026-W10:C0GONE (1 attempts): channel_not_found", line, StringComparison.Ordinal);
    }

    /// <summary>One dead letter, one sent and one pending message in the queue file next to <paramref name="db"/>.</summary>
    private static async Task SeedAsync(string db)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        using var queue = new QueueDatabase(Options.Create(new StorageOptions { DatabasePath = db }), clock);
        var outbox = new EfWorkQueue(queue, clock);
        await outbox.EnqueueAsync("slack", "digest:2026-W10:C0GONE", "{}", default);
        await outbox.EnqueueAsync("slack", "digest:2026-W10:C0OK", "{}", default);
        await outbox.EnqueueAsync("slack", "digest:2026-W10:C0LATER", "{}", default);
        var ids = (await outbox.GetDueAsync("slack", 10, default)).ToDictionary(m => m.IdempotencyKey, m => m.Id);
        await outbox.MarkFailedAsync(ids["digest:2026-W10:C0GONE"], "channel_not_found", null, default);
        await outbox.MarkSentAsync(ids["digest:2026-W10:C0OK"], "C0OK:1.1", default);
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
