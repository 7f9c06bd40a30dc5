using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Text;

namespace FinOps.Bot.Cli;

/// <summary>Turns a failed parse into one line saying what is wrong and one line of the verb's usage.</summary>
public static class CommandLineErrors
{
    /// <summary>The program name in usage lines (the same whether started with <c>dotnet run</c>, <c>dotnet FinOps.Bot.dll</c> or the published binary).</summary>
    public const string ProgramName = "FinOps.Bot";

    private const string UnknownOption = "unknown option";

    public static (string Message, string Usage) Describe(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var command = parseResult.CommandResult.Command;
        return (Message(parseResult, command), Usage(command));
    }

    /// <summary>
    /// Adds a validator to every argument of every verb that rejects values that look like options: otherwise a
    /// misspelt option (<c>import x --dbb y.db</c>) becomes a path or question. <c>-</c> alone stays a value (standard input).
    /// </summary>
    public static void RejectOptionLikeArguments(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            argument.Validators.Add(result =>
            {
                if (result.Tokens.FirstOrDefault(t => t.Value.Length > 1 && t.Value[0] == '-') is { } token)
                {
                    result.AddError($"{UnknownOption} '{token.Value}'{DidYouMean(token.Value, OptionNames(command))}");
                }
            });
        }

        foreach (var subcommand in command.Subcommands)
        {
            RejectOptionLikeArguments(subcommand);
        }
    }

    /// <summary>The option names (and aliases) <paramref name="command"/> accepts, its parents' recursive ones included.</summary>
    public static IEnumerable<string> OptionNames(Command? command)
    {
        if (command is null)
        {
            yield break;
        }

        foreach (var option in command.Options.Where(o => !o.Hidden))
        {
            yield return option.Name;
            foreach (var alias in option.Aliases)
            {
                yield return alias;
            }
        }

        foreach (var parent in Ancestors(command))
        {
            foreach (var option in parent.Options.Where(o => o.Recursive && !o.Hidden))
            {
                yield return option.Name;
            }
        }
    }

    /// <summary>" (did you mean '--json'?)" when one candidate is within two edits (or a prefix) of <paramref name="token"/>, else empty.</summary>
    public static string DidYouMean(string token, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(token);
        var best = candidates.Distinct(StringComparer.Ordinal)
            .Select(c => (Candidate: c, Distance: Distance(token, c)))
            .Where(c => c.Distance <= 2 || (token.Length > 3 && c.Candidate.StartsWith(token, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return best.Candidate is null ? "" : $" (did you mean '{best.Candidate}'?)";
    }

    private static string Message(ParseResult parseResult, Command command)
    {
        if (parseResult.UnmatchedTokens.FirstOrDefault(t => t.Length > 1 && t[0] == '-') is { } option)
        {
            return $"{UnknownOption} '{option}'{DidYouMean(option, OptionNames(command))}";
        }

        if (parseResult.Errors.FirstOrDefault(e => e.Message.StartsWith(UnknownOption, StringComparison.Ordinal)) is { } unknown)
        {
            return unknown.Message;
        }

        if (parseResult.UnmatchedTokens.Count > 0)
        {
            return command.Subcommands.Count > 0 && command.Arguments.Count == 0
                ? $"unknown verb '{parseResult.UnmatchedTokens[0]}'{DidYouMean(parseResult.UnmatchedTokens[0], command.Subcommands.Select(s => s.Name))}"
                : $"unexpected argument '{parseResult.UnmatchedTokens[0]}'";
        }

        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            return $"'{command.Name}' needs a verb: {string.Join(", ", command.Subcommands.Select(s => s.Name))}";
        }

        var message = parseResult.Errors[0].Message.TrimEnd('.');
        return message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : message;
    }

    private static string Usage(Command command)
    {
        var path = string.Join(' ', Ancestors(command).Reverse().Append(command).Select(c => c is RootCommand ? ProgramName : c.Name));
        var usage = new StringBuilder("usage: ").Append(path);
        if (command is RootCommand)
        {
            usage.Append(" [<verb>] [options]; verbs: ").Append(string.Join(", ", command.Subcommands.Select(s => s.Name == "serve" ? "serve (default)" : s.Name)));
            return usage.Append(" (see '").Append(path).Append(" <verb> --help')").ToString();
        }

        if (command.Subcommands.Count > 0)
        {
            usage.Append(" <").Append(string.Join('|', command.Subcommands.Select(s => s.Name))).Append('>');
        }

        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            var label = $"<{argument.Name}>" + (argument.Arity.MaximumNumberOfValues > 1 ? "..." : "");
            usage.Append(' ').Append(argument.Arity.MinimumNumberOfValues == 0 ? $"[{label}]" : label);
        }

        var options = command.Options.Where(o => !o.Hidden && o is not HelpOption && o is not VersionOption)
            .Concat(Ancestors(command).SelectMany(p => p.Options.Where(o => o.Recursive && !o.Hidden && o is not HelpOption && o is not VersionOption)));
        foreach (var option in options)
        {
            var label = option.ValueType == typeof(bool) ? option.Name : $"{option.Name} <{option.HelpName ?? option.Name.TrimStart('-')}>";
            usage.Append(' ').Append(option.Required ? label : $"[{label}]");
        }

        if (command.Name == "serve")
        {
            usage.Append(" [--urls <urls>] [--environment <name>] [--Section:Key=<value>]");
        }

        return usage.Append(" (see '").Append(path).Append(" --help')").ToString();
    }

    private static IEnumerable<Command> Ancestors(Command command)
    {
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            yield return parent;
        }
    }

    private static int Distance(string a, string b)
    {
        // Optimal string alignment distance, case-insensitive: enough to catch a dropped, doubled or swapped letter.
        a = a.ToUpperInvariant();
        b = b.ToUpperInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
