using System.CommandLine;
using FinOps.Storage;

namespace FinOps.Bot.Cli;

/// <summary>
/// <c>migrate</c>: applies the store's pending migrations (SQLite files, or the PostgreSQL database of <c>Storage:ConnectionString</c>)
/// and exits: 0 when applied or nothing was pending, 1 naming the problem (never the connection string's password).
/// </summary>
/// <remarks>For deployments that forbid schema changes at start (<c>Storage:MigrateOnStart=false</c>): run it once per release, before the replicas.</remarks>
public static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command(
            "migrate",
            "Apply the store's pending migrations (Storage:Provider Sqlite or PostgreSql) and exit; for deployments with Storage:MigrateOnStart=false.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
            var migrator = host.Services.GetRequiredService<StoreMigrator>();
            var applied = await migrator.MigrateAsync(cancellationToken);
            var output = parseResult.InvocationConfiguration.Output;
            if (applied.Count == 0)
            {
                await output.WriteLineAsync($"nothing to do: {migrator.Description} is up to date");
                return ExitCodes.Success;
            }

            foreach (var migration in applied)
            {
                await output.WriteLineAsync("applied " + migration);
            }

            await output.WriteLineAsync($"{applied.Count} migration(s) applied to {migrator.Description}");
            return ExitCodes.Success;
        });
        return command;
    }
}
