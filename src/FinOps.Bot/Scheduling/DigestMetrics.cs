using System.Diagnostics.Metrics;
using FinOps.Bot.Hosting;

namespace FinOps.Bot.Scheduling;

/// <summary>
/// Weekly digest counters on the bot's meter (<see cref="BotMetrics.Name"/>): messages posted and sends that failed
/// (each failed send is retried on the next run) and channels that could not be found, tagged with the channel.
/// </summary>
public sealed class DigestMetrics
{
    private readonly Counter<long> _posted;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _unroutable;

    public DigestMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        // The factory hands out one Meter per name, so these join BotMetrics' instruments on the same meter.
        var meter = meterFactory.Create(BotMetrics.Name);
        _posted = meter.CreateCounter<long>("finops.digests.posted", "{message}", "Weekly digest messages posted, by channel.");
        _failed = meter.CreateCounter<long>("finops.digests.failed", "{message}", "Weekly digest sends that failed (retried on the next run), by channel.");
        _unroutable = meter.CreateCounter<long>(
            "finops.digests.unroutable", "{message}", "Weekly digests not sent because a channel in the rules file is unknown on its platform (logged with its name), by channel.");
    }

    public void RecordPosted(string channel) => _posted.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void RecordFailed(string channel) => _failed.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void RecordUnroutable(string channel) => _unroutable.Add(1, new KeyValuePair<string, object?>("channel", channel));
}
