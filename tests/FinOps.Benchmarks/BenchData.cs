using System.Diagnostics;
using System.Globalization;
using FinOps.Demo;

namespace FinOps.Benchmarks;

/// <summary>The benchmark data: a demo FOCUS CSV per row count, generated once into a work folder and reused.</summary>
/// <remarks>The data ends on a fixed day so that runs on different days measure the same bytes and the same periods.</remarks>
public static class BenchData
{
    /// <summary>"Today" of every run: the CSV ends the day before; the eval questions are phrased against this day too.</summary>
    public static readonly DateOnly AsOf = new(2026, 11, 23);

    /// <summary>Months of the demo data unless a verb asks for more (the generator's default).</summary>
    public const int DefaultMonths = 13;

    public static string WorkFolder(BenchArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var folder = args.Value("dir") ?? Path.Combine(Path.GetTempPath(), "finops-bench");
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static string CsvPath(string folder, int rows) =>
        Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"focus-{rows}.csv"));

    /// <summary>The CSV of <paramref name="months"/> months (the default 13 keep the name of <see cref="CsvPath(string, int)"/>).</summary>
    public static string CsvPath(string folder, int rows, int months) => months == DefaultMonths
        ? CsvPath(folder, rows)
        : Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"focus-{rows}-{months}m.csv"));

    /// <summary>The CSV of an export shape (the demo's keeps the name of <see cref="CsvPath(string, int)"/>).</summary>
    public static string CsvPath(string folder, int rows, ExportShape shape) => shape == ExportShape.Demo
        ? CsvPath(folder, rows)
        : Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{BenchmarkCommands.ShapeName(shape)}-{rows}.csv"));

    /// <summary>The CSV of <paramref name="shape"/> for <paramref name="rows"/>, generated when missing (the demo's by the demo generator).</summary>
    public static string Ensure(string path, int rows, ExportShape shape, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (shape == ExportShape.Demo || File.Exists(path))
        {
            return Ensure(path, rows, log);
        }

        var partial = path + ".partial";
        var watch = Stopwatch.StartNew();
        var written = ShapedExportGenerator.Write(partial, shape, rows, AsOf.AddDays(-1));
        File.Move(partial, path, overwrite: true);
        log.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"generated {path}: {written:N0} rows of shape {shape}, {ShapedExportGenerator.Days(shape)} days to {AsOf.AddDays(-1):yyyy-MM-dd}, {new FileInfo(path).Length / 1_048_576.0:F0} MB in {watch.Elapsed.TotalSeconds:F1} s"));
        return path;
    }

    /// <summary>The CSV for <paramref name="rows"/>, generated when missing (written to a temporary name first, so a killed run leaves no half file).</summary>
    public static string Ensure(string path, int rows, TextWriter log) => Ensure(path, rows, DefaultMonths, log);

    /// <summary>As <see cref="Ensure(string, int, TextWriter)"/>, with <paramref name="months"/> months of data.</summary>
    public static string Ensure(string path, int rows, int months, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (File.Exists(path))
        {
            log.WriteLine($"reusing {path} ({new FileInfo(path).Length / 1_048_576.0:F0} MB)");
            return path;
        }

        var partial = path + ".partial";
        var watch = Stopwatch.StartNew();
        var result = new FocusDemoGenerator().WriteFile(partial, new DemoDataOptions { EndDate = AsOf, TargetRows = rows, Months = months }, CancellationToken.None);
        File.Move(partial, path, overwrite: true);
        log.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"generated {path}: {result.RowCount:N0} rows, {result.FirstDay:yyyy-MM-dd}..{result.LastDay:yyyy-MM-dd}, {new FileInfo(path).Length / 1_048_576.0:F0} MB in {watch.Elapsed.TotalSeconds:F1} s"));
        return path;
    }

    public static long CountRows(string csvPath)
    {
        long lines = 0;
        using var stream = new FileStream(csvPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines - 1;
    }
}
