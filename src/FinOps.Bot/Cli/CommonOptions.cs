using System.CommandLine;

namespace FinOps.Bot.Cli;

/// <summary>Options every verb accepts.</summary>
public static class CommonOptions
{
    /// <summary><c>--db &lt;sqlite path&gt;</c>: the cost store file (overrides <c>Storage:DatabasePath</c>).</summary>
    public static Option<string?> Database { get; } = new("--db")
    {
        Description = "Path of the SQLite cost store (default: Storage:DatabasePath, see README).",
        Recursive = true,
    };
}
