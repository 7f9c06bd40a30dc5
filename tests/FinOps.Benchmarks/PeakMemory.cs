using System.Globalization;

namespace FinOps.Benchmarks;

/// <summary>Peak resident set size of this process, from /proc (Linux), in megabytes.</summary>
public static class PeakMemory
{
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
