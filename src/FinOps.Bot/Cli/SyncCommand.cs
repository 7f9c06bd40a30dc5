using System.CommandLine;
using System.Globalization;
using FinOps.Storage.Data;
using FinOps.Storage.Ingestion;

namespace FinOps.Bot.Cli;

/// <summary><c>sync [--source NAME]</c>: pulls new and changed export runs from the ingestion sources now.</summary>
/// <remarks>Each run is all or nothing. Exit code 1 when a source could not be read or a run was rejected, 2 for an unknown source name.</remarks>
public static class SyncCommand
{
    public static Command Create()
    {
        var source = new Option<string?>("--source") { Description = "Sync only this source (its Name in Ingestion:Sources)." };
        var command = new Command("sync", "Pull new and changed FOCUS export runs from the ingestion sources (Ingestion:Sources) into the store now.") { source };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
            await host.Services.GetRequiredService<CostDatabase>().EnsureReadyAsync(cancellationToken);
            var sync = host.Services.GetRequiredService<IngestionSync>();
            if (sync.Sources.Count == 0)
            {
                await Console.Error.WriteLineAsync("error: no ingestion sources are configured (Ingestion:Sources); see appsettings.example.json.");
                return ExitCodes.Failure;
            }

            IReadOnlyList<SourceSyncResult> results;
            try
            {
                results = await sync.SyncAsync(parseResult.GetValue(source), new ConsoleProgress(), cancellationToken);
            }
            catch (ArgumentException e) when (e.ParamName == "sourceName")
            {
                await Console.Error.WriteLineAsync("error: " + e.Message[..^" (Parameter 'sourceName')".Length]);
                return ExitCodes.Usage;
            }

            foreach (var result in results)
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{result.Source}: {result.Status}: {result.Imported} run(s) imported ({result.Rows:N0} rows), {result.Unchanged} unchanged, {result.Rejected} rejected"));
                foreach (var error in result.Errors)
                {
                    await Console.Error.WriteLineAsync("error: " + error);
                }
            }

            return results.All(r => r.Status == "ok") ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    /// <summary>Progress goes to standard error, so standard output stays one line per source.</summary>
    private sealed class ConsoleProgress : IProgress<string>
    {
        public void Report(string value) => Console.Error.WriteLine(value);
    }
}
