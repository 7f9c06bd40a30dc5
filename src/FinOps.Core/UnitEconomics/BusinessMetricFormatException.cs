namespace FinOps.Core.UnitEconomics;

/// <summary>A business-metrics CSV cannot be imported; the message names the file, line and column.</summary>
public sealed class BusinessMetricFormatException : Exception
{
    public BusinessMetricFormatException(string file, long? line, string? column, string problem)
        : base(Describe(file, line, column, problem))
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public BusinessMetricFormatException(string file, long? line, string? column, string problem, Exception inner)
        : base(Describe(file, line, column, problem), inner)
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public string File { get; }

    /// <summary>1-based physical line (header = 1), or null for a problem of the whole file.</summary>
    public long? Line { get; }

    public string? Column { get; }

    public string Problem { get; }

    private static string Describe(string file, long? line, string? column, string problem)
    {
        var where = file;
        if (line is not null)
        {
            where += $", line {line}";
        }

        if (column is not null)
        {
            where += $", column '{column}'";
        }

        return $"{where}: {problem}";
    }
}
