using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using FinOps.Storage.Tests.Ingestion;
using FinOps.Testing;

namespace FinOps.Bot.Tests;

/// <summary><c>sync</c> and <c>sources</c> as users script them: the real executable, an AWS export in the S3 emulator, settings from the environment.</summary>
public sealed class IngestionCliTests : IDisposable
{
    private readonly S3Emulator _s3 = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "finops-ingestion-cli", Guid.NewGuid().ToString("N"));

    public IngestionCliTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        _s3.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task SyncThenSources_AwsExport_ImportsOnceAndListsFreshnessWithoutTheSecret()
    {
        var bucket = await _s3.CreateBucketAsync();
        var export = new AwsExportWriter(bucket, "focus", "cur", (key, bytes) => _s3.PutAsync(bucket, key, bytes));
        await export.DeliverAsync("2026-01", "exec-1", AwsExportWriter.Gzip(AwsExportWriter.Rows("2026-01", 4, 2.5m, "i-a")));
        // s3rver checks the key id, not the signature: a secret generated here still reaches the emulator, and must show nowhere.
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        var env = Environment(bucket, export.SourcePrefix, S3Emulator.AccessKeyId, secret);
        var db = Path.Combine(_folder, "finops.db");

        var first = await RunAsync(env, "sync", "--db", db);
        var second = await RunAsync(env, "sync", "--source", "AWS-PROD", "--db", db);
        var text = await RunAsync(env, "sources", "--db", db);
        var json = await RunAsync(env, "sources", "--json", "--db", db);

        Assert.Equal((0, "aws-prod: ok: 1 run(s) imported (4 rows), 0 unchanged, 0 rejected"), (first.ExitCode, first.Stdout.Trim()));
        Assert.Equal((0, "aws-prod: ok: 0 run(s) imported (0 rows), 1 unchanged, 0 rejected"), (second.ExitCode, second.Stdout.Trim()));
        Assert.Equal(0, text.ExitCode);
        Assert.Contains($"aws-prod (AwsS3) s3://{bucket}/focus/cur/ at {_s3.ServiceUrl}: ok, last sync ", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("  AWS 111122223333: complete through 2026-01-03 (data through 2026-01-04)", text.Stdout, StringComparison.Ordinal);
        var source = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal(("aws-prod", "AwsS3", "ok", "exec-1"), (source.GetProperty("name").GetString(), source.GetProperty("kind").GetString(), source.GetProperty("status").GetString(), source.GetProperty("lastRunId").GetString()));
        Assert.Equal("2026-01-03", source.GetProperty("freshness")[0].GetProperty("lastCompleteDay").GetString());
        Assert.False(source.GetProperty("stale").GetBoolean());
        Assert.All(new[] { first, second, text, json }, r => Assert.DoesNotContain(secret, r.Stdout + r.Stderr, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SyncThenAsk_AwsExport_AnswerEndsWhereTheSyncSaysTheExportIsComplete()
    {
        var bucket = await _s3.CreateBucketAsync();
        var export = new AwsExportWriter(bucket, "focus", "cur", (key, bytes) => _s3.PutAsync(bucket, key, bytes));
        await export.DeliverAsync("2026-01", "exec-1", AwsExportWriter.Gzip(AwsExportWriter.Rows("2026-01", 4, 2.5m, "i-a")));
        var env = Environment(bucket, export.SourcePrefix, S3Emulator.AccessKeyId, Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)));
        var db = Path.Combine(_folder, "finops.db");

        Assert.Equal(0, (await RunAsync(env, "sync", "--db", db)).ExitCode);
        var ask = await RunAsync(env, "ask", "how much did we spend this month", "--as-of", "2026-01-10", "--json", "--db", db);

        // The data reaches Jan 4, but the export may still add to its latest day: the sync records Jan 3 as complete.
        Assert.Equal(0, ask.ExitCode);
        var answer = JsonDocument.Parse(ask.Stdout).RootElement.GetProperty("answer");
        Assert.Equal("2026-01-03", answer.GetProperty("dataThrough").GetString());
        Assert.Equal(7.5m, answer.GetProperty("total").GetDecimal());
        Assert.EndsWith("Data complete for AWS through Jan 3.", answer.GetProperty("text").GetString(), StringComparison.Ordinal);
        var complete = Assert.Single(answer.GetProperty("completeThrough").EnumerateArray());
        Assert.Equal(("AWS", "2026-01-03", "aws-prod"), (complete.GetProperty("provider").GetString(), complete.GetProperty("through").GetString(), complete.GetProperty("sources")[0].GetString()));
    }

    [Fact]
    public async Task Sync_WrongAccessKey_ExitsOneWithOneErrorNamingTheSource()
    {
        var bucket = await _s3.CreateBucketAsync();
        var keyId = "AKIA" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));

        var result = await RunAsync(Environment(bucket, "focus/cur", keyId, secret), "sync", "--db", Path.Combine(_folder, "finops.db"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("aws-prod: failed: 0 run(s) imported (0 rows), 0 unchanged, 0 rejected", result.Stdout.Trim());
        var error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.StartsWith("error: source 'aws-prod': cannot list s3://", error, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_UnknownSource_ExitsTwoNamingTheConfiguredSources()
    {
        var result = await RunAsync(Environment("b", "p", S3Emulator.AccessKeyId, "x"), "sync", "--source", "azure", "--db", Path.Combine(_folder, "finops.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: no ingestion source is named 'azure'; configured: aws-prod.", result.Stderr.Trim());
    }

    [Fact]
    public async Task Sources_InvalidSetting_ExitsOneNamingTheSetting()
    {
        var env = Environment("b", "p", S3Emulator.AccessKeyId, "x");
        env.Remove("Ingestion__Sources__0__Location__Bucket");

        var result = await RunAsync(env, "sources", "--db", Path.Combine(_folder, "finops.db"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Ingestion:Sources:0:Location:Bucket is required (source 'aws-prod', kind AwsS3).", result.Stderr, StringComparison.Ordinal);
    }

    private Dictionary<string, string> Environment(string bucket, string prefix, string keyId, string secret) => new()
    {
        ["Ingestion__Sources__0__Name"] = "aws-prod",
        ["Ingestion__Sources__0__Kind"] = "AwsS3",
        ["Ingestion__Sources__0__Location__Bucket"] = bucket,
        ["Ingestion__Sources__0__Location__Prefix"] = prefix,
        ["Ingestion__Sources__0__Location__ServiceUrl"] = _s3.ServiceUrl,
        ["Ingestion__Sources__0__Credentials__AccessKeyId"] = keyId,
        ["Ingestion__Sources__0__Credentials__SecretAccessKey"] = secret,
    };

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Dictionary<string, string> environment, params string[] args)
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
