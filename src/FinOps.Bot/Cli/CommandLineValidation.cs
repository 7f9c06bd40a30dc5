using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace FinOps.Bot.Cli;

/// <summary>Option value checks made while parsing, so a bad value is a usage error (exit 2) naming the option.</summary>
public static class CommandLineValidation
{
    public static void InRange(OptionResult result, Option<int> option, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(option);
        if (result.Tokens.Count > 0 && result.GetValueOrDefault<int>() is var value && (value < min || value > max))
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be {min:N0} to {max:N0}, not {value:N0}"));
        }
    }

    public static void IsDate(OptionResult result, Option<string?> option)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(option);
        if (result.Tokens.Count > 0 && result.Tokens[0].Value is var text
            && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            result.AddError($"{option.Name}: '{text}' is not a date (YYYY-MM-DD)");
        }
    }
}
