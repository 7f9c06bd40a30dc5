namespace FinOps.Core.Allocation;

/// <summary>An allocation rules file that cannot be used; the message names the file, line, column and field.</summary>
public sealed class AllocationRulesException : Exception
{
    public AllocationRulesException()
    {
    }

    public AllocationRulesException(string message)
        : base(message)
    {
    }

    public AllocationRulesException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AllocationRulesException(string file, long line, long column, string field, string problem, Exception? innerException = null)
        : base($"{file}:{line}:{column}: {field}: {problem}", innerException)
    {
        File = file;
        Line = line;
        Column = column;
        Field = field;
    }

    public string? File { get; }

    /// <summary>1-based line of the offending node (0 when unknown).</summary>
    public long Line { get; }

    public long Column { get; }

    /// <summary>The path of the offending field, e.g. <c>pools[1].percentages</c>.</summary>
    public string? Field { get; }
}
