using System.Globalization;

namespace FinOps.Benchmarks;

/// <summary>The command line: a verb, positional arguments and <c>--name value</c> / <c>--flag</c> options.</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    public BenchArgs(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Verb = args.Count > 0 ? args[0] : string.Empty;
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var name = args[i][2..];
                var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                _options[name] = hasValue ? args[++i] : null;
            }
            else
            {
                _positional.Add(args[i]);
            }
        }
    }

    public string Verb { get; }

    public IReadOnlyList<string> Positional => _positional;

    public bool Flag(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.TryGetValue(name, out var v) ? v : null;

    public int Number(string name, int fallback) =>
        Value(name) is { } v ? int.Parse(v.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;
}
