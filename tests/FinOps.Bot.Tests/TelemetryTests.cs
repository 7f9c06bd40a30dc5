using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FinOps.Bot.Hosting;
using FinOps.Bot.Tests.Infrastructure;
using FinOps.Storage.Data;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FinOps.Bot.Tests;

/// <summary>Issue 19: the bot's meter (questions, latency, queue depth, dead letters, retries) and OTLP export when configured.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Meter_QuestionAskedAndQueuedMessages_CountedTimedAndObserved()
    {
        await using var factory = new BotFactory();
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();
        var meterFactory = factory.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentBag<(string Instrument, double Value, string? Tag)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this host's meter: other tests run hosts in the same process.
            if (instrument.Meter.Name == BotMetrics.Name && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Add((i.Name, v, Tag(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Add((i.Name, v, Tag(tags))));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => measurements.Add((i.Name, v, Tag(tags))));
        listener.Start();
        await using (var context = factory.Services.GetRequiredService<CostDatabase>().CreateContext())
        {
            context.OutboxMessages.Add(new OutboxEntity { Channel = "slack-outbound", IdempotencyKey = "p", Payload = "{}", Status = "pending", Attempts = 2, CreatedAt = BotFactory.Now, NextAttemptAt = BotFactory.Now });
            context.OutboxMessages.Add(new OutboxEntity { Channel = "slack-outbound", IdempotencyKey = "d", Payload = "{}", Status = "dead", Attempts = 3, CreatedAt = BotFactory.Now, NextAttemptAt = BotFactory.Now });
            await context.SaveChangesAsync();
        }

        using var answer = await PlaygroundClient.AskAsync(client, null, "total cost last month");
        await PlaygroundClient.ReadJsonAsync(answer);
        listener.RecordObservableInstruments();

        Assert.Contains(measurements, m => m is ("finops.questions.answered", 1, "message/answered"));
        Assert.Contains(measurements, m => m.Instrument == "finops.questions.duration" && m.Value >= 0);
        Assert.Contains(measurements, m => m is ("finops.queue.depth", 1, "slack-outbound"));
        Assert.Contains(measurements, m => m is ("finops.queue.dead_letters", 1, "slack-outbound"));
        Assert.Contains(measurements, m => m is ("finops.queue.retries", 5, "slack-outbound"));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("http://127.0.0.1:4317", true)]
    public async Task OpenTelemetry_OtlpEndpointSetting_ProvidersOnlyWhenConfigured(string? endpoint, bool expected)
    {
        await using var factory = new BotFactory();
        factory.Settings["Demo:SeedOnFirstRun"] = "false";
        factory.Settings[TelemetryServices.OtlpEndpointSetting] = endpoint;
        using var client = factory.CreateClient();

        Assert.Equal(expected, factory.Services.GetService<MeterProvider>() is not null);
        Assert.Equal(expected, factory.Services.GetService<TracerProvider>() is not null);
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? kind = null, outcome = null, queue = null;
        foreach (var (key, value) in tags)
        {
            switch (key)
            {
                case "kind": kind = value as string; break;
                case "outcome": outcome = value as string; break;
                case "queue": queue = value as string; break;
            }
        }

        return queue ?? (kind is null ? null : $"{kind}/{outcome}");
    }
}
