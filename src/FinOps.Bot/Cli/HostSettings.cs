using System.CommandLine;
using System.CommandLine.Parsing;

namespace FinOps.Bot.Cli;

/// <summary>
/// The host settings <c>serve</c> (and the bare executable) hand to ASP.NET Core's command-line configuration:
/// <c>--urls http://0.0.0.0:8080</c>, <c>--environment=Production</c>, <c>--Section:Key=value</c>, <c>--OTEL_EXPORTER_OTLP_ENDPOINT=...</c>.
/// </summary>
/// <remarks>
/// Only a known host setting or a configuration path (it has a <c>:</c>) is accepted, with its value inline
/// (<c>--key=value</c>) or next (<c>--key value</c>); anything else is an error, so a misspelt <c>--url</c> or a
/// misspelt verb never starts the server with the typo ignored.
/// </remarks>
public static class HostSettings
{
    /// <summary>The settings without a section that the host reads (ASP.NET Core's and the generic host's).</summary>
    public static IReadOnlyList<string> KnownKeys { get; } =
    [
        "urls", "environment", "http_ports", "https_ports", "AllowedHosts", "contentRoot", "applicationName",
        "hostingStartupAssemblies", "hostingStartupExcludeAssemblies", "preventHostingStartup", "detailedErrors",
        "shutdownTimeoutSeconds", "suppressStatusMessages", "webroot", "ForwardedHeaders_Enabled", "preferHostingUrls",
    ];

    public static Argument<string[]> CreateArgument(bool isRoot)
    {
        var argument = new Argument<string[]>("settings")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Hidden = true,
            Description = "Host settings: --urls <urls>, --environment <name>, --Section:Key=value.",
        };
        argument.Validators.Add(result => Validate(result, isRoot));
        return argument;
    }

    private static void Validate(ArgumentResult result, bool isRoot)
    {
        var tokens = result.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i].Value;
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                result.AddError(isRoot && i == 0
                    ? $"unknown verb '{token}'{CommandLineErrors.DidYouMean(token, VerbNames(result))}"
                    : $"unexpected argument '{token}'");
                return;
            }

            var equals = token.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? token[2..] : token[2..equals];
            // A configuration section node (--Storage= next to --Storage:DatabasePath=...), as WebApplicationFactory passes them.
            var isSectionNode = equals == token.Length - 1 && tokens.Any(t => t.Value.StartsWith("--" + key + ":", StringComparison.OrdinalIgnoreCase));
            if (!IsKnown(key) && !isSectionNode)
            {
                var candidates = KnownKeys.Select(k => "--" + k).Concat(CommandLineErrors.OptionNames(result.Parent is CommandResult c ? c.Command : null));
                result.AddError($"unknown option '--{key}'{CommandLineErrors.DidYouMean("--" + key, candidates)}");
                return;
            }

            if (equals >= 0)
            {
                continue;
            }

            if (i + 1 >= tokens.Count || tokens[i + 1].Value.StartsWith("--", StringComparison.Ordinal))
            {
                result.AddError($"option '--{key}' needs a value (--{key} <value> or --{key}=<value>)");
                return;
            }

            i++;
        }
    }

    private static bool IsKnown(string key) =>
        key.Length > 0 && (key.Contains(':', StringComparison.Ordinal) || KnownKeys.Contains(key, StringComparer.OrdinalIgnoreCase)
            || key.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> VerbNames(ArgumentResult result) =>
        result.Parent is CommandResult command ? command.Command.Subcommands.Select(s => s.Name) : [];
}
