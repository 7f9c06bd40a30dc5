using System.Net;
using FinOps.Slack.Tests.Infrastructure;
using FinOps.Storage;
using FinOps.Storage.Data;
using FinOps.Storage.Queue;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Slack.Tests.Inbound;

/// <summary>Inbound Slack work is stored and acknowledged whatever an import is doing, and worked by one worker at a time.</summary>
public sealed class SlackInboxAvailabilityTests : IAsyncLifetime
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "finops-slack-queue-tests", Guid.NewGuid().ToString("N"));
    private FakeSlackServer _slack = null!;
    private SlackAppHost? _host;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _slack = await FakeSlackServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _slack.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Events_CostStoreWriteLockHeldByImport_EachAcknowledgedWhileLockHeldThenAnswered()
    {
        _host = await StartWithStorageAsync();
        var costStore = _host.Services.GetRequiredService<CostDatabase>();
        await costStore.EnsureReadyAsync(CancellationToken.None);
        await _host.Services.GetRequiredService<QueueDatabase>().EnsureReadyAsync(CancellationToken.None);

        // Another process importing: BEGIN IMMEDIATE and a write, held until disposed.
        await using (var import = new SqliteConnection(costStore.ConnectionString + ";Pooling=False"))
        {
            await import.OpenAsync();
            await using (var begin = import.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE; INSERT INTO DimensionValues (Value) VALUES ('import-in-progress');";
                await begin.ExecuteNonQueryAsync();
            }

            for (var i = 1; i <= 5; i++)
            {
                // Guarded, not timed: with the queue in the cost store each request waited for the lock until the busy timeout.
                var ack = await _host.PostEventAsync(SlackPayloads.AppMention("Ev" + i, "<@UBOT> question " + i, "1772442000.00010" + i)).WaitAsync(Guard);
                Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
                Assert.True(IsWriteLocked(costStore.ConnectionString), "the import still holds the cost store's write lock");
            }
        }

        for (var i = 1; i <= 5; i++)
        {
            await _slack.NextCallAsync("chat.postMessage", c => c.Json["text"]!.GetValue<string>() == "Answer: question " + i);
        }

        Assert.Equal(5, _slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task Events_UsersInfoFails_FailureCachedThenLookedUpAgainAfterItsLifetime()
    {
        _host = await SlackAppHost.StartAsync(_slack, settings => settings["Slack:UserLookupFailureLifetime"] = "00:01:00");
        _slack.ScriptError("users.info", "missing_scope");

        for (var i = 1; i <= 3; i++)
        {
            await _host.PostEventAsync(SlackPayloads.AppMention("Ev" + i, "<@UBOT> q" + i, "1772442000.00010" + i));
            await _slack.NextCallAsync("chat.postMessage", c => c.Json["text"]!.GetValue<string>() == "Answer: q" + i);
        }

        Assert.Single(_slack.CallsTo("users.info"));
        Assert.All(_host.Conversation.Messages, m => Assert.Null(m.User.Email));

        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        await _host.PostEventAsync(SlackPayloads.AppMention("Ev4", "<@UBOT> q4", "1772442000.000104"));
        await _slack.NextCallAsync("chat.postMessage", c => c.Json["text"]!.GetValue<string>() == "Answer: q4");

        Assert.Equal(2, _slack.CallsTo("users.info").Count);
        Assert.Equal("alice@example.com", _host.Conversation.Messages.Last().User.Email);
    }

    [Fact]
    public async Task Events_QuestionPipelineFailsDeterministically_OneErrorCardNoRetry()
    {
        _host = await SlackAppHost.StartAsync(_slack);
        _host.Conversation.Failure = m => m.Text.Contains("hostile", StringComparison.Ordinal) ? new InvalidOperationException("the parser choked") : null;

        var ack = await _host.PostEventAsync(SlackPayloads.AppMention("Ev1", "<@UBOT> hostile question", "1772442000.000100"));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var card = await _slack.NextCallAsync("chat.postMessage");

        Assert.StartsWith("Sorry, I could not answer that", card.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("C0CHAN", card.Json["channel"]!.GetValue<string>());

        // Past every retry the inbox could have scheduled: nothing is attempted again.
        _host.Clock.Advance(TimeSpan.FromHours(1));
        await _host.PostEventAsync(SlackPayloads.AppMention("EvSentinel", "<@UBOT> sentinel", "9999999999.000001"));
        await _slack.NextCallAsync("chat.postMessage", c => c.Json["text"]!.GetValue<string>() == "Answer: sentinel");

        Assert.Equal(2, _slack.CallsTo("chat.postMessage").Count);

        // One worker takes due items oldest first, so a retry of the failed item would have run before the sentinel.
        Assert.Equal(["hostile question", "sentinel"], _host.Conversation.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Events_QuestionPipelineTimesOut_RetriedAndAnswered()
    {
        _host = await SlackAppHost.StartAsync(_slack);
        var calls = 0;
        _host.Conversation.Failure = m => m.Text == "slow question" && Interlocked.Increment(ref calls) == 1 ? new TimeoutException("model timed out") : null;

        await _host.PostEventAsync(SlackPayloads.AppMention("Ev1", "<@UBOT> slow question", "1772442000.000100"));
        await _host.PostEventAsync(SlackPayloads.AppMention("EvSentinel", "<@UBOT> sentinel", "9999999999.000001"));
        await _slack.NextCallAsync("chat.postMessage", c => c.Json["text"]!.GetValue<string>() == "Answer: sentinel");

        // New work wakes the worker, which then finds the retry due (its poll timer may have started after the advance).
        _host.Clock.Advance(TimeSpan.FromSeconds(5));
        await _host.PostEventAsync(SlackPayloads.AppMention("EvWake", "<@UBOT> wake", "9999999999.000002"));
        var answer = await _slack.NextCallAsync("chat.postMessage", c => c.Json["text"]!.GetValue<string>() == "Answer: slow question");

        Assert.Equal("C0CHAN", answer.Json["channel"]!.GetValue<string>());
        Assert.Equal(2, Volatile.Read(ref calls));
    }

    /// <summary>The Slack host over the real storage (AddStorage): the inbox lives in the queue file next to the cost store.</summary>
    private async Task<SlackAppHost> StartWithStorageAsync()
    {
        var costStorePath = Path.Combine(_folder, "finops.db");
        var host = await SlackAppHost.StartAsync(
            _slack,
            settings => settings["Storage:DatabasePath"] = costStorePath,
            services => services.AddStorage(new ConfigurationBuilder().Build()));

        // AddStorage binds its options from the host's configuration; a store in the working directory would outlive the test.
        Assert.Equal(costStorePath, host.Services.GetRequiredService<CostDatabase>().DatabasePath);
        return host;
    }

    /// <summary>True when another writer cannot take the file's write lock (within a second: a timeout of 0 would wait forever).</summary>
    private static bool IsWriteLocked(string connectionString)
    {
        using var probe = new SqliteConnection(connectionString + ";Pooling=False;Default Timeout=1");
        probe.Open();
        using var begin = probe.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        try
        {
            begin.ExecuteNonQuery();
            using var rollback = probe.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
            return false;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 5)
        {
            return true;
        }
    }
}
