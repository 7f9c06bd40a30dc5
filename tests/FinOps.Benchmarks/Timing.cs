using System.Diagnostics;

namespace FinOps.Benchmarks;

/// <summary>Warm timing loop: a few untimed runs, then one sample (milliseconds) per run.</summary>
public static class Timing
{
    public const int WarmUp = 5;

    public static List<double> Measure(int iterations, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        for (var i = 0; i < WarmUp; i++)
        {
            action();
        }

        var samples = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return samples;
    }

    public static async Task<List<double>> MeasureAsync(int iterations, Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        for (var i = 0; i < WarmUp; i++)
        {
            await action();
        }

        var samples = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return samples;
    }
}
