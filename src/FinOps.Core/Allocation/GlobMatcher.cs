using System.Text.RegularExpressions;

namespace FinOps.Core.Allocation;

/// <summary>Matches a value against listed values or globs (<c>*</c> any run, <c>?</c> one character), trimmed and case-insensitive.</summary>
internal sealed class GlobMatcher
{
    private readonly HashSet<string> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Regex> _globs = [];

    public GlobMatcher(IEnumerable<string> patterns)
    {
        foreach (var raw in patterns)
        {
            var pattern = raw.Trim();
            if (pattern.Contains('*', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal))
            {
                var body = Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal);
                _globs.Add(new Regex("^" + body + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1)));
            }
            else
            {
                _exact.Add(pattern);
            }
        }
    }

    public bool IsMatch(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var v = value.Trim();
        if (_exact.Contains(v))
        {
            return true;
        }

        foreach (var glob in _globs)
        {
            if (glob.IsMatch(v))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The Azure resource group inside a resource id (<c>/resourceGroups/&lt;name&gt;/</c>), or null.</summary>
    public static string? ResourceGroupOf(string resource)
    {
        const string Marker = "/resourcegroups/";
        var at = resource.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var start = at + Marker.Length;
        var end = resource.IndexOf('/', start);
        return end < 0 ? resource[start..] : resource[start..end];
    }
}
