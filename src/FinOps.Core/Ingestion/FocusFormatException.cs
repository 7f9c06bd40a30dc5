namespace FinOps.Core.Ingestion;

/// <summary>A file is not FOCUS, or one of its rows cannot be read. Names the file, line and column.</summary>
public sealed class FocusFormatException : Exception
{
    public FocusFormatException(string file, long? line, string? column, string problem)
        : base(Describe(file, line, column, problem))
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public FocusFormatException(string file, long? line, string? column, string problem, Exception inner)
        : base(Describe(file, line, column, problem), inner)
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public string File { get; }

    /// <summary>1-based line (CSV, header = 1) or row number (Parquet); null for a file-level problem.</summary>
    public long? Line { get; }

    public string? Column { get; }

    public string Problem { get; }

    private static string Describe(string file, long? line, string? column, string problem)
    {
        var where = file;
        if (line is not null)
        {
            where += $":{line}";
        }

        if (column is not null)
        {
            where += $" column {column}";
        }

        return $"{where}: {problem}";
    }
}
