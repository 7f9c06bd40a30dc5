using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FinOps.Slack;
using FinOps.Slack.WebApi;
using FinOps.Teams.Connector;
using Microsoft.Extensions.Options;

namespace FinOps.Benchmarks;

/// <summary>
/// The pacing of outbound sends, measured on the limiters the senders wait on before each call: <c>SlackPostPacer</c>
/// (every chat.postMessage) and <c>ConnectorRateLimiter</c> (every Bot Connector call). A fan-out is queued at once and
/// the moment each call may go is recorded; the busiest window of each length is compared with the platform's limit.
/// </summary>
public static class PacingBench
{
    public static async Task<int> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var slackPerChannel = quick ? 4 : 10;
        var teamsOneConversation = quick ? 70 : 90;
        var start = Stopwatch.GetTimestamp();
        double Now() => Stopwatch.GetElapsedTime(start).TotalSeconds;

        // Slack: five channels, each sent slackPerChannel messages at once (a digest, an alert, approvals...).
        using var pacer = new SlackPostPacer(Options.Create(new SlackOptions()));
        var slack = new ConcurrentBag<(string Key, double At)>();
        var slackTasks = Enumerable.Range(1, 5).SelectMany(c => Enumerable.Range(0, slackPerChannel).Select(async _ =>
        {
            var channel = "C0" + c.ToString(CultureInfo.InvariantCulture);
            using var lease = await pacer.WaitTurnAsync(channel, cancellationToken);
            slack.Add((channel, Now()));
        }));

        // Teams: one conversation sent more than its 30-second allowance, and a fan-out of 2 messages to each of 60
        // conversations of one tenant (the tenant limit), through the connector's own limiter with its configured pacing.
        await using var limiter = new ConnectorRateLimiter(ConnectorPacing.Teams);
        var teams = new ConcurrentBag<(string Key, string Tenant, double At)>();
        async Task SendAsync(string conversation, string tenant)
        {
            using var lease = await limiter.AcquireAsync(new ConnectorTarget("https://smba.example/", conversation, tenant), cancellationToken);
            teams.Add((conversation, tenant, Now()));
        }

        var oneConversation = Enumerable.Range(0, teamsOneConversation).Select(_ => SendAsync("a:one", "tenant-a"));
        var fanOut = Enumerable.Range(0, 60).SelectMany(c => Enumerable.Range(0, 2).Select(_ => SendAsync("19:c" + c.ToString(CultureInfo.InvariantCulture), "tenant-b")));
        await Task.WhenAll(slackTasks.Concat(oneConversation).Concat(fanOut));

        var pacing = ConnectorPacing.Teams;
        var rows = new List<(string What, string Window, int Busiest, int Limit, string Source)>
        {
            ("Slack chat.postMessage, per channel", "1 s", Busiest(slack.GroupBy(s => s.Key), 1), 1, "Slack: 1 per second per channel"),
            ("Teams, one conversation", "1 s", Busiest(teams.Where(t => t.Key == "a:one").GroupBy(t => t.Key).Select(g => g.Select(t => (t.Key, t.At))), 1), pacing.PerConversation[0].Operations, "Teams per bot per thread: 7 / 1 s"),
            ("Teams, one conversation", "2 s", Busiest(teams.Where(t => t.Key == "a:one").GroupBy(t => t.Key).Select(g => g.Select(t => (t.Key, t.At))), 2), 8, "Teams per bot per thread: 8 / 2 s"),
            ("Teams, one conversation", "30 s", Busiest(teams.Where(t => t.Key == "a:one").GroupBy(t => t.Key).Select(g => g.Select(t => (t.Key, t.At))), 30), pacing.PerConversation[2].Operations, "Teams per bot per thread: 60 / 30 s"),
            ("Teams, one tenant (60 conversations)", "1 s", Busiest(teams.Where(t => t.Tenant == "tenant-b").GroupBy(t => t.Tenant).Select(g => g.Select(t => (t.Key, t.At))), 1), pacing.PerTenant.Operations, "Teams: 50 RPS per app per tenant; configured 30"),
        };

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{slack.Count} Slack posts over 5 channels, {teams.Count} Teams calls; {Now():F1} s; load {Machine.LoadAverage()}"));
        Console.WriteLine();
        Console.WriteLine("| sends | window | busiest window | limit | limit source |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        foreach (var (what, window, busiest, limit, source) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {window} | {busiest} | {limit} | {source} |"));
        }

        var over = rows.Where(r => r.Busiest > r.Limit).ToList();
        Console.WriteLine();
        Console.WriteLine(over.Count == 0 ? "every window within its limit" : "OVER THE LIMIT: " + string.Join("; ", over.Select(r => $"{r.What} per {r.Window}: {r.Busiest} > {r.Limit}")));
        return over.Count == 0 ? 0 : 1;
    }

    /// <summary>The most sends of one key inside any half-open window of <paramref name="seconds"/>.</summary>
    private static int Busiest(IEnumerable<IEnumerable<(string Key, double At)>> groups, double seconds)
    {
        var best = 0;
        foreach (var group in groups)
        {
            var times = group.Select(g => g.At).Order().ToArray();
            var lo = 0;
            for (var hi = 0; hi < times.Length; hi++)
            {
                while (times[hi] - times[lo] >= seconds)
                {
                    lo++;
                }

                best = Math.Max(best, hi - lo + 1);
            }
        }

        return best;
    }
}
