using FinOps.Core.Anomalies;

namespace FinOps.Core.Tests.Anomalies;

/// <summary>Deterministic daily usage series: weekdays at a base, weekends lower, a little noise.</summary>
internal static class SyntheticSeries
{
    /// <summary>A Monday: index 0 of every series.</summary>
    public static readonly DateOnly FirstDay = new(2026, 1, 5);

    public const int Days = 140;

    public static DateOnly Day(int index) => FirstDay.AddDays(index);

    public static decimal[] Weekly(decimal weekday, decimal weekend, double noise = 0.02, int seed = 1, int days = Days)
    {
        var random = new Random(seed);
        var values = new decimal[days];
        for (var t = 0; t < days; t++)
        {
            var level = Day(t).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? weekend : weekday;
            values[t] = Math.Round(level * (decimal)(1 + (noise * ((2 * random.NextDouble()) - 1))), 2);
        }

        return values;
    }

    public static AnomalySeries Team(string team, decimal[] values) => new([new("team", team)], "USD", values);

    public static AnomalySeries Service(string team, string service, decimal[] values) =>
        new([new("team", team), new("service", service)], "USD", values);

    public static decimal[] Sum(params decimal[][] parts)
    {
        var sum = new decimal[parts[0].Length];
        foreach (var part in parts)
        {
            for (var t = 0; t < sum.Length; t++)
            {
                sum[t] += part[t];
            }
        }

        return sum;
    }

    public static decimal[] With(decimal[] values, int from, int to, Func<int, decimal, decimal> change)
    {
        var copy = (decimal[])values.Clone();
        for (var t = from; t < Math.Min(to, copy.Length); t++)
        {
            copy[t] = Math.Round(change(t - from, copy[t]), 2);
        }

        return copy;
    }
}
