using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FinOps.Bot.Hosting;

/// <summary>
/// The bot's own metrics (meter <c>FinOps.Bot</c>) and traces (activity source <c>FinOps.Bot</c>): questions answered and
/// their latency, and, read from the store when a collector asks, queue depth, dead letters and failed delivery attempts.
/// </summary>
public sealed class BotMetrics
{
    public const string Name = "FinOps.Bot";

    public static ActivitySource ActivitySource { get; } = new(Name);

    private readonly Counter<long> _questions;
    private readonly Histogram<double> _answerDuration;

    public BotMetrics(IMeterFactory meterFactory, QueueStatistics queues)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(queues);
        var meter = meterFactory.Create(Name);
        _questions = meter.CreateCounter<long>("finops.questions.answered", "{question}", "Messages and card actions answered, by kind and outcome.");
        _answerDuration = meter.CreateHistogram<double>("finops.questions.duration", "s", "Time to answer a message or card action.");
        meter.CreateObservableGauge("finops.queue.depth", () => Measure(queues, c => c.Status == QueueStatistics.PendingStatus, c => c.Count), "{message}", "Messages waiting in each durable queue.");
        meter.CreateObservableGauge("finops.queue.dead_letters", () => Measure(queues, c => c.Status == QueueStatistics.DeadStatus, c => c.Count), "{message}", "Messages each queue gave up on.");
        meter.CreateObservableCounter("finops.queue.retries", () => Measure(queues, _ => true, c => c.FailedAttempts), "{attempt}", "Failed delivery attempts (each is retried or dead-lettered).");
    }

    public void RecordAnswer(string kind, bool succeeded, TimeSpan duration)
    {
        var tags = new TagList { { "kind", kind }, { "outcome", succeeded ? "answered" : "failed" } };
        _questions.Add(1, tags);
        _answerDuration.Record(duration.TotalSeconds, tags);
    }

    private static List<Measurement<int>> Measure(QueueStatistics queues, Func<QueueCount, bool> filter, Func<QueueCount, int> value) =>
        queues.Count().Where(filter)
            .GroupBy(c => c.Channel)
            .Select(g => new Measurement<int>(g.Sum(value), new KeyValuePair<string, object?>("queue", g.Key)))
            .ToList();
}
