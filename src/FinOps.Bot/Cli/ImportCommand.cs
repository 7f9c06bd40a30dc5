using System.CommandLine;
using System.Globalization;
using FinOps.Bot.Hosting;
using FinOps.Core.Ingestion;
using FinOps.Storage.Data;
using FinOps.Storage.Import;

namespace FinOps.Bot.Cli;

/// <summary><c>import &lt;paths...&gt; [--db path]</c>: imports FOCUS exports (CSV, .csv.gz, Parquet; files or folders).</summary>
/// <remarks>Each file is all-or-nothing. The exit code is 1 when any file failed, 0 otherwise.</remarks>
public static class ImportCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.OneOrMore, Description = "FOCUS export files or folders." };
        var command = new Command("import", "Import FOCUS cost exports into the store. A restated billing period replaces the earlier one.") { paths };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            IReadOnlyList<string> files;
            try
            {
                files = FocusFiles.Expand(parseResult.GetValue(paths)!);
            }
            catch (FileNotFoundException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }

            if (files.Count == 0)
            {
                await Console.Error.WriteLineAsync("error: no FOCUS files (*.csv, *.csv.gz, *.parquet) found in the given paths.");
                return 2;
            }

            using var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
            await host.Services.GetRequiredService<CostDatabase>().EnsureReadyAsync(cancellationToken);
            var report = await host.Services.GetRequiredService<CostImporter>().ImportAsync(files, new ConsoleProgress(), cancellationToken);
            foreach (var file in report.Files)
            {
                Print(file);
            }

            return report.Succeeded ? 0 : 1;
        });
        return command;
    }

    private static void Print(FileImportResult file)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (file.Status)
        {
            case ImportStatus.Failed:
                Console.Error.WriteLine($"error: {file.Error} (nothing from this file was stored)");
                return;
            case ImportStatus.Unchanged:
                Console.WriteLine(string.Create(inv, $"unchanged: {file.File} (imported before, {file.Rows:N0} rows)"));
                return;
            default:
                var periods = string.Join(", ", file.Periods.Select(p => p.ToString("yyyy-MM", inv)));
                Console.WriteLine(string.Create(inv, $"imported: {file.File}: {file.Rows:N0} rows -> {file.Facts:N0} daily facts; billing periods {periods}; currencies {string.Join(", ", file.Currencies)}"));
                foreach (var warning in file.Warnings)
                {
                    Console.WriteLine($"  warning [{warning.Code}]: {warning.Message} Example lines: {string.Join(", ", warning.SampleLines)}.");
                }

                foreach (var notice in file.Notices ?? [])
                {
                    Console.WriteLine($"  notice: {notice}");
                }

                return;
        }
    }

    /// <summary>Says at once (not on a thread-pool post, as <see cref="Progress{T}"/> would) that the import waits for another one.</summary>
    private sealed class ConsoleProgress : IProgress<string>
    {
        public void Report(string value) => Console.Error.WriteLine(value);
    }
}
