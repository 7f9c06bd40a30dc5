using System.CommandLine;
using FinOps.Bot.Hosting;

namespace FinOps.Bot.Cli;

/// <summary>The executable's verbs: <c>serve</c> (default), <c>import</c>, <c>imports</c>, <c>sources</c>, <c>sync</c>, <c>demo-data</c>, <c>ask</c>, <c>teams-package</c>, <c>allocation</c>, <c>anomalies</c>, <c>migrate</c>.</summary>
/// <remarks>
/// Strict: an unknown verb, option or extra argument is an error (one line, the verb's usage, exit code
/// <see cref="ExitCodes.Usage"/>), never silently ignored. <c>serve</c> is the default only when no verb is given;
/// it and the bare executable accept host settings (<c>--urls</c>, <c>--environment</c>, <c>--Section:Key=value</c>),
/// see <see cref="HostSettings"/>.
/// </remarks>
public static class BotCommandLine
{
    public static RootCommand Create()
    {
        var rootSettings = HostSettings.CreateArgument(isRoot: true);
        var root = new RootCommand("FinOps Bot: cloud cost answers, digests and approvals in Teams and Slack.") { rootSettings };
        root.Options.Add(CommonOptions.Database);

        var serveSettings = HostSettings.CreateArgument(isRoot: false);
        var serve = new Command("serve", "Run the bot (default). Accepts host settings such as --urls http://0.0.0.0:8080, --environment Production or --Section:Key=value.")
        {
            serveSettings,
        };
        serve.SetAction((parseResult, cancellationToken) => ServeAsync(parseResult, parseResult.GetValue(serveSettings) ?? [], cancellationToken));
        root.Subcommands.Add(serve);
        root.SetAction((parseResult, cancellationToken) => ServeAsync(parseResult, parseResult.GetValue(rootSettings) ?? [], cancellationToken));
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(ImportsCommand.Create());
        root.Subcommands.Add(SourcesCommand.Create());
        root.Subcommands.Add(SyncCommand.Create());
        root.Subcommands.Add(DemoDataCommand.Create(TimeProvider.System));
        root.Subcommands.Add(AskCommand.Create());
        root.Subcommands.Add(AllocationCommand.Create());
        root.Subcommands.Add(TeamsPackageCommand.Create());
        root.Subcommands.Add(MetricsCommand.Create());
        root.Subcommands.Add(DeadLettersCommand.Create());
        root.Subcommands.Add(BudgetsCommand.Create());
        root.Subcommands.Add(ApprovalsCommand.Create());
        root.Subcommands.Add(AnomaliesCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        CommandLineErrors.RejectOptionLikeArguments(root);
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>: a usage error prints one line and the verb's usage to
    /// <paramref name="error"/> (exit 2); a start-up failure (settings, paths, permissions, ports) prints one line
    /// naming what to fix (exit 1), with the exception only at debug level.
    /// </summary>
    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        error ??= Console.Error;
        var parseResult = Create().Parse(args);
        if (parseResult.Errors.Count > 0 && parseResult.Action is not { ClearsParseErrors: true })
        {
            var (message, usage) = CommandLineErrors.Describe(parseResult);
            await error.WriteLineAsync("error: " + message);
            await error.WriteLineAsync(usage);
            return ExitCodes.Usage;
        }

        try
        {
            return await parseResult.InvokeAsync(
                new InvocationConfiguration
                {
                    Output = output,
                    Error = error,
                    EnableDefaultExceptionHandler = false,
                    // On SIGTERM or Ctrl+C the verb's token is cancelled; the process is killed only if it has not ended
                    // by then. Longer than the host's shutdown timeout, so work under way finishes or goes back to its queue.
                    ProcessTerminationTimeout = BotWebHost.ShutdownTimeout + TimeSpan.FromSeconds(10),
                },
                cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("error: interrupted; nothing partial was kept (each imported file is all or nothing), run the command again.");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is not HostAbortedException)
        {
            // HostAbortedException is how WebApplicationFactory takes the built host out of Main: not a failure.
            await error.WriteLineAsync("error: " + StartupFailure.Describe(e));
            if (StartupFailure.ShowDetails(args))
            {
                await error.WriteLineAsync(e.ToString());
            }

            return ExitCodes.Failure;
        }
    }

    private static async Task<int> ServeAsync(ParseResult parseResult, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        var app = BotWebHost.Build(settings, parseResult.GetValue(CommonOptions.Database));
        var startup = app.Services.GetRequiredService<StartupState>();
        await app.RunAsync(cancellationToken);
        if (startup.Failure is { } failure)
        {
            await parseResult.InvocationConfiguration.Error.WriteLineAsync("error: " + failure);
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }
}
