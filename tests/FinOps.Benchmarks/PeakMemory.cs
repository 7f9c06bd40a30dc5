using System.Globalization;

namespace FinOps.Benchmarks;

/// <summary>Peak resident set size of this process, from /proc (Linux), in megabytes; and its CPU time.</summary>
public static class PeakMemory
{
    /// <summary>User + system CPU seconds this process has used so far.</summary>
    public static double CpuSeconds()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    public static double ReadPeakRssMegabytes()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return double.NaN;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }
}
