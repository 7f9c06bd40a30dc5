using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FinOps.Bot.Hosting;

/// <summary>
/// One line for a failed start or verb: the setting, path or port at fault and how to fix it, never a stack trace.
/// The exception itself is shown only when the <c>FinOps.Bot</c> log level is Debug or Trace.
/// </summary>
public static class StartupFailure
{
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case AggregateException aggregate:
                var inner = aggregate.Flatten().InnerExceptions;
                return inner.All(e => e is OptionsValidationException)
                    ? InvalidSettings(inner.Cast<OptionsValidationException>().SelectMany(e => e.Failures))
                    : string.Join("; ", inner.Select(Describe).Distinct(StringComparer.Ordinal));
            case OptionsValidationException validation:
                return InvalidSettings(validation.Failures);
            case StoreUnavailableException store:
                return store.Message;
            case IOException { InnerException: AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } } bind:
                return $"{bind.Message.TrimEnd('.')}: another program listens there. Stop it, or choose another port with --urls http://localhost:<port> (setting Urls, or ASPNETCORE_URLS).";
            case IOException { InnerException: SocketException { SocketErrorCode: SocketError.AccessDenied } } bind:
                return $"{bind.Message.TrimEnd('.')}: this user may not listen on that port. Choose a port above 1023 with --urls http://localhost:<port> (setting Urls).";
            case FormatException format when format.Source == "Quartz":
                return $"Digests:WeeklyCron is not a Quartz cron expression ({format.Message.TrimEnd('.')}); use e.g. \"0 0 9 ? * MON\", or Digests:Enabled=false.";
            case NpgsqlException npgsql:
                // Npgsql's messages name server and user, never the password.
                return $"the PostgreSQL store (Storage:ConnectionString) failed: {npgsql.Message}";
            case SqliteException sqlite:
                return $"the cost store (--db or Storage:DatabasePath) failed: {sqlite.Message}";
            case UnauthorizedAccessException or IOException:
                return exception.Message;
            default:
                return $"{exception.Message.TrimEnd('.')} ({exception.GetType().Name}; set Logging__LogLevel__FinOps.Bot=Debug for details)";
        }
    }

    /// <summary>Whether the exception's details are wanted: the <c>FinOps.Bot</c> (or default) log level is Debug or Trace in the shipped settings, the environment or the command line.</summary>
    public static bool ShowDetails(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(a => a.StartsWith("--Logging:", StringComparison.OrdinalIgnoreCase)).ToArray())
            .Build();
        var level = configuration["Logging:LogLevel:FinOps.Bot"] ?? configuration["Logging:LogLevel:Default"];
        return Enum.TryParse<LogLevel>(level, ignoreCase: true, out var parsed) && parsed <= LogLevel.Debug;
    }

    private static string InvalidSettings(IEnumerable<string> failures) =>
        "invalid settings: " + string.Join(" ", failures.Distinct(StringComparer.Ordinal).Select(f => f.TrimEnd().EndsWith('.') ? f.Trim() : f.Trim() + "."));
}
