namespace FinOps.Core.Anomalies;

/// <summary>The expected value of one day of a series, learned only from the days before it.</summary>
/// <remarks>
/// <para>Multiplicative weekly seasonality: each weekday's factor is the median, over the last eight weeks, of the day's
/// cost divided by the mean of the seven days centred on it. The level is the median of the last seven deseasonalised
/// days, leaving out holidays and the days of an anomaly still being alerted (so an incident does not teach itself
/// as normal until <see cref="AnomalyOptions.LearnAfterDays"/>). The band's width is a robust standard deviation
/// (1.4826 x MAD) of the day-on-median relative residuals of the last four weeks.</para>
/// <para>A leak is two weeks of deseasonalised growth that a straight line on the log scale explains better than a
/// single step, at least <see cref="AnomalyOptions.LeakMinPercentPerDay"/> a day: level shifts are steps, leaks are
/// ramps. Its expected value is the line's start, the level before the leak.</para>
/// </remarks>
internal static class SeriesModel
{
    public const int HistoryDays = 56;
    private const int LeakWindow = 15;
    private const double MinScale = 0.01;

    public static DayJudgement Judge(ReadOnlySpan<double> x, int d, ReadOnlySpan<bool> quiet, int firstDayNumber, int excludeFrom, AnomalyOptions options)
    {
        var first = FirstNonZero(x, d);
        if (first < 0 || d - first < options.MinHistoryDays || quiet[d])
        {
            return default;
        }

        var lo = Math.Max(first, d - HistoryDays);
        Span<double> factor = stackalloc double[7];
        Span<double> offset = stackalloc double[7];
        Factors(x, lo, d, quiet, firstDayNumber, factor, offset);
        var y = new double[d + 1 - lo];
        for (var t = lo; t <= d; t++)
        {
            y[t - lo] = x[t] / factor[Phase(firstDayNumber, t)];
        }

        // Level: the last seven clean deseasonalised days.
        Span<double> window = stackalloc double[7];
        Span<double> additive = stackalloc double[7];
        var n = 0;
        for (var t = d - 1; t >= lo && n < 7; t--)
        {
            if (!quiet[t] && t < excludeFrom)
            {
                additive[n] = x[t] - offset[Phase(firstDayNumber, t)];
                window[n++] = y[t - lo];
            }
        }

        if (n < 3)
        {
            return default;
        }

        var level = Median(window[..n]);
        if (level <= 0)
        {
            return default;
        }

        var scale = Scale(y, lo, d, quiet, excludeFrom);
        var f = factor[Phase(firstDayNumber, d)];
        var expected = level * f;

        // Weekday patterns are partly proportional (usage follows traffic) and partly absolute (an always-on resource
        // added or removed keeps its cost on weekends): the day is measured against whichever reading explains it better,
        // so a learned level shift does not make every weekend look anomalous.
        var expectedAdditive = Median(additive[..n]) + offset[Phase(firstDayNumber, d)];
        if (expectedAdditive > 0 && Math.Abs(x[d] - expectedAdditive) < Math.Abs(x[d] - expected))
        {
            expected = expectedAdditive;
        }

        var rel = (x[d] / expected) - 1;
        var band = options.Sensitivity * scale;
        var up = rel > band;
        var down = rel < -band;
        var leakBase = Leak(y, lo, d, quiet, options);
        var leak = leakBase > 0 && (x[d] / (leakBase * f)) - 1 > band;
        return new DayJudgement(true, expected, level, f, scale, up, down, leak, leak ? leakBase * f : 0);
    }

    internal static int Phase(int firstDayNumber, int t) => (firstDayNumber + t) % 7;

    private static int FirstNonZero(ReadOnlySpan<double> x, int d)
    {
        for (var t = 0; t <= d; t++)
        {
            if (x[t] > 0)
            {
                return t;
            }
        }

        return -1;
    }

    private static void Factors(ReadOnlySpan<double> x, int lo, int d, ReadOnlySpan<bool> quiet, int firstDayNumber, Span<double> factor, Span<double> offset)
    {
        factor.Fill(1);
        offset.Clear();
        if (d - lo < 21)
        {
            return;
        }

        var ratios = new List<double>[7];
        var differences = new List<double>[7];
        for (var p = 0; p < 7; p++)
        {
            ratios[p] = new List<double>(8);
            differences[p] = new List<double>(8);
        }

        var sum = 0.0;
        for (var t = lo; t < lo + 7; t++)
        {
            sum += x[t];
        }

        // Window [t-3, t+3] slides over history only (t+3 < d): the judged day never shapes its own factors.
        for (var t = lo + 3; t + 3 < d; t++)
        {
            if (t > lo + 3)
            {
                sum += x[t + 3] - x[t - 4];
            }

            var mean = sum / 7;
            if (mean > 0 && !quiet[t])
            {
                ratios[Phase(firstDayNumber, t)].Add(x[t] / mean);
                differences[Phase(firstDayNumber, t)].Add(x[t] - mean);
            }
        }

        var totalOffset = 0.0;
        for (var p = 0; p < 7; p++)
        {
            offset[p] = differences[p].Count >= 2 ? Median(differences[p]) : 0;
            totalOffset += offset[p];
        }

        for (var p = 0; p < 7; p++)
        {
            offset[p] -= totalOffset / 7;
        }

        var total = 0.0;
        for (var p = 0; p < 7; p++)
        {
            factor[p] = ratios[p].Count >= 2 ? Median(ratios[p]) : 1;
            if (factor[p] <= 0)
            {
                factor[p] = 1;
            }

            total += factor[p];
        }

        for (var p = 0; p < 7; p++)
        {
            factor[p] *= 7 / total;
        }
    }

    private static double Scale(double[] y, int lo, int d, ReadOnlySpan<bool> quiet, int excludeFrom)
    {
        var residuals = new List<double>(28);
        Span<double> window = stackalloc double[7];
        for (var t = Math.Max(lo + 7, d - 28); t < d; t++)
        {
            if (quiet[t] || t >= excludeFrom)
            {
                continue;
            }

            var n = 0;
            for (var u = t - 1; u >= lo && n < 7; u--)
            {
                if (!quiet[u])
                {
                    window[n++] = y[u - lo];
                }
            }

            var m = n >= 3 ? Median(window[..n]) : 0;
            if (m > 0)
            {
                residuals.Add((y[t - lo] / m) - 1);
            }
        }

        if (residuals.Count < 5)
        {
            return 0.05;
        }

        var median = Median(residuals);
        for (var i = 0; i < residuals.Count; i++)
        {
            residuals[i] = Math.Abs(residuals[i] - median);
        }

        return Math.Max(MinScale, 1.4826 * Median(residuals));
    }

    /// <summary>The deseasonalised level before a leak (the fitted line's start), or 0 when the last two weeks are no leak.</summary>
    private static double Leak(double[] y, int lo, int d, ReadOnlySpan<bool> quiet, AnomalyOptions options)
    {
        var start = d - LeakWindow + 1;
        if (start < lo)
        {
            return 0;
        }

        Span<double> ts = stackalloc double[LeakWindow];
        Span<double> vs = stackalloc double[LeakWindow];
        var n = 0;
        for (var t = start; t <= d; t++)
        {
            var v = y[t - lo];
            if (!quiet[t] && v > 0)
            {
                ts[n] = t - start;
                vs[n] = Math.Log(v);
                n++;
            }
        }

        if (n < 10)
        {
            return 0;
        }

        double mt = 0, mv = 0;
        for (var i = 0; i < n; i++)
        {
            mt += ts[i];
            mv += vs[i];
        }

        mt /= n;
        mv /= n;
        double stt = 0, stv = 0, svv = 0;
        for (var i = 0; i < n; i++)
        {
            stt += (ts[i] - mt) * (ts[i] - mt);
            stv += (ts[i] - mt) * (vs[i] - mv);
            svv += (vs[i] - mv) * (vs[i] - mv);
        }

        var slope = stv / stt;
        if (slope < Math.Log(1 + (options.LeakMinPercentPerDay / 100)) || svv <= 0)
        {
            return 0;
        }

        var lineSse = svv - (slope * stv);
        if (1 - (lineSse / svv) < 0.8 || lineSse >= StepSse(vs[..n]))
        {
            return 0;
        }

        return Math.Exp(mv + (slope * (ts[0] - mt)));
    }

    private static double StepSse(ReadOnlySpan<double> v)
    {
        var best = double.MaxValue;
        for (var k = 2; k <= v.Length - 2; k++)
        {
            best = Math.Min(best, Sse(v[..k]) + Sse(v[k..]));
        }

        return best;
    }

    private static double Sse(ReadOnlySpan<double> v)
    {
        var mean = 0.0;
        foreach (var a in v)
        {
            mean += a;
        }

        mean /= v.Length;
        var sse = 0.0;
        foreach (var a in v)
        {
            sse += (a - mean) * (a - mean);
        }

        return sse;
    }

    internal static double Median(Span<double> values)
    {
        values.Sort();
        var n = values.Length;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }
}

/// <summary>The verdict on one day: expected cost, the band (level, weekday factor, scale) and which tests fired.</summary>
internal readonly record struct DayJudgement(
    bool Judged,
    double Expected,
    double Level,
    double Factor,
    double Scale,
    bool Up,
    bool Down,
    bool Leak,
    double LeakExpected);
