using System.CommandLine;
using FinOps.Bot.Hosting;

namespace FinOps.Bot.Cli;

/// <summary>The executable's verbs: <c>serve</c> (default), <c>import</c>, <c>demo-data</c>, <c>ask</c>.</summary>
public static class BotCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("FinOps Bot: cloud cost answers, digests and approvals in Teams and Slack.")
        {
            // Unknown tokens belong to ASP.NET Core (--urls, --environment, ...) when serving.
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Options.Add(CommonOptions.Database);

        var serve = new Command("serve", "Run the bot (default). Accepts ASP.NET Core options such as --urls.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.SetAction(ServeAsync);
        root.Subcommands.Add(serve);
        root.SetAction(ServeAsync);
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(ImportsCommand.Create());
        root.Subcommands.Add(DemoDataCommand.Create(TimeProvider.System));
        root.Subcommands.Add(AskCommand.Create());
        root.Subcommands.Add(AllocationCommand.Create());
        root.Subcommands.Add(TeamsPackageCommand.Create());
        root.Subcommands.Add(DeadLettersCommand.Create());
        return root;
    }

    private static async Task<int> ServeAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var app = BotWebHost.Build(parseResult.UnmatchedTokens, parseResult.GetValue(CommonOptions.Database));
        await app.RunAsync(cancellationToken);
        return 0;
    }
}
