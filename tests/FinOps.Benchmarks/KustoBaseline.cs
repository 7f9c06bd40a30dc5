using FinOps.Core.Anomalies;

namespace FinOps.Benchmarks;

/// <summary>
/// The reference: Kusto's <c>series_decompose_anomalies(x, 1.5, 7, 'avg')</c> re-implemented and run as a daily job over
/// the same series, each run on the history up to and including the judged day (Test_points 0, as a daily job would).
/// </summary>
/// <remarks>
/// As the Kusto docs describe it (learn.microsoft.com, series_decompose_anomalies / series_decompose / series_outliers):
/// seasonal component = per-phase median (period 7 days, given rather than auto-detected: the weekly period is what
/// auto-detection finds on this data), centred; trend 'avg' = the average of the series (default) or 'linefit' = a least
/// squares line; residual = x - (seasonal + trend); score by Tukey's fence with the custom 10th-90th percentile range
/// (AD_method 'ctukey', the default): above P90 the score is (r - P90) / (P90 - P10), below P10 (r - P10) / (P90 - P10);
/// a point is anomalous when |score| &gt; 1.5. The window is the last 8 weeks, as for our detector. Incidents are formed
/// the same way as ours (consecutive flagged days, one direction) and, for fairness, the same alert thresholds
/// (money and percent of the baseline) apply; there is no scope deduplication.
/// </remarks>
public static class KustoBaseline
{
    public const double Threshold = 1.5;
    public const int Period = 7;
    public const int Window = 57;

    public static IReadOnlyList<(IReadOnlyList<KeyValuePair<string, string>> Scope, DateOnly Start, DateOnly End, DateOnly DetectedOn, double Impact)> Run(
        IReadOnlyList<AnomalySeries> series, DateOnly firstDay, DateOnly fromRun, DateOnly toRun, AnomalyOptions options, bool lineFit)
    {
        var incidents = new List<(IReadOnlyList<KeyValuePair<string, string>>, DateOnly, DateOnly, DateOnly, double)>();
        foreach (var s in series)
        {
            var x = Array.ConvertAll(s.Values, v => (double)v);
            var (minMoney, minPercent) = options.ThresholdsFor(s.Team);
            int? open = null;
            var last = -1;
            var sign = 0;
            var impact = 0.0;
            for (var run = fromRun; run < toRun; run = run.AddDays(1))
            {
                var d = run.DayNumber - 1 - firstDay.DayNumber;
                var flag = 0;
                var residual = 0.0;
                if (d >= Window && d < x.Length)
                {
                    (flag, residual, var baseline) = Judge(x.AsSpan(d - Window + 1, Window), lineFit);
                    if (flag != 0 && (Math.Abs(residual) < (double)minMoney || Math.Abs(residual) < (double)minPercent / 100 * Math.Abs(baseline)))
                    {
                        flag = 0;
                    }
                }

                if (flag != 0 && open is not null && flag == sign && last == d - 1)
                {
                    last = d;
                    impact += residual;
                    continue;
                }

                if (open is { } o)
                {
                    incidents.Add((s.Scope, firstDay.AddDays(o), firstDay.AddDays(last + 1), firstDay.AddDays(o + 1), impact));
                    open = null;
                }

                if (flag != 0)
                {
                    open = d;
                    last = d;
                    sign = flag;
                    impact = residual;
                }
            }

            if (open is { } stillOpen)
            {
                incidents.Add((s.Scope, firstDay.AddDays(stillOpen), firstDay.AddDays(last + 1), firstDay.AddDays(stillOpen + 1), impact));
            }
        }

        return incidents;
    }

    /// <summary>The flag (+1, -1, 0), residual and baseline of the window's last point.</summary>
    public static (int Flag, double Residual, double Baseline) Judge(ReadOnlySpan<double> x, bool lineFit)
    {
        var n = x.Length;
        Span<double> season = stackalloc double[Period];
        var phase = new List<double>(n / Period + 1);
        for (var p = 0; p < Period; p++)
        {
            phase.Clear();
            for (var t = p; t < n; t += Period)
            {
                phase.Add(x[t]);
            }

            phase.Sort();
            season[p] = Median(phase);
        }

        var seasonMean = 0.0;
        foreach (var v in season)
        {
            seasonMean += v;
        }

        seasonMean /= Period;
        var deseasoned = new double[n];
        for (var t = 0; t < n; t++)
        {
            deseasoned[t] = x[t] - (season[t % Period] - seasonMean);
        }

        double a = 0, b = 0;
        if (lineFit)
        {
            double mt = (n - 1) / 2.0, mv = deseasoned.Average(), stt = 0, stv = 0;
            for (var t = 0; t < n; t++)
            {
                stt += (t - mt) * (t - mt);
                stv += (t - mt) * (deseasoned[t] - mv);
            }

            b = stv / stt;
            a = mv - (b * mt);
        }
        else
        {
            a = deseasoned.Average();
        }

        var residuals = new double[n];
        for (var t = 0; t < n; t++)
        {
            residuals[t] = x[t] - ((season[t % Period] - seasonMean) + a + (b * t));
        }

        var sorted = (double[])residuals.Clone();
        Array.Sort(sorted);
        var p10 = Percentile(sorted, 0.10);
        var p90 = Percentile(sorted, 0.90);
        var range = p90 - p10;
        var r = residuals[n - 1];
        var baseline = x[n - 1] - r;
        if (range <= 0)
        {
            return (0, r, baseline);
        }

        var score = r > p90 ? (r - p90) / range : r < p10 ? (r - p10) / range : 0;
        return (score > Threshold ? 1 : score < -Threshold ? -1 : 0, r, baseline);
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (position - lo));
    }
}
