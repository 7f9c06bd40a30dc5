using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FinOps.Storage.Data;
using FinOps.Storage.Import;

namespace FinOps.Bot.Cli;

/// <summary><c>imports [--json]</c>: the import history, newest first, with each import's data-quality warnings.</summary>
public static class ImportsCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "One JSON object per import." };
        var command = new Command("imports", "List past imports (file, hash, rows, periods, currencies, status) and their data-quality warnings.") { json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
            await host.Services.GetRequiredService<CostDatabase>().EnsureReadyAsync(cancellationToken);
            var history = await host.Services.GetRequiredService<CostImporter>().GetImportHistoryAsync(cancellationToken);
            foreach (var entry in history)
            {
                Console.WriteLine(parseResult.GetValue(json) ? JsonSerializer.Serialize(ToJson(entry), Json) : Describe(entry));
            }

            return 0;
        });
        return command;
    }

    private static object ToJson(ImportHistoryEntry e) => new
    {
        id = e.Id,
        file = e.FilePath,
        sha256 = e.Sha256,
        status = e.Status.ToString().ToLowerInvariant(),
        rows = e.Rows,
        facts = e.Facts,
        periods = e.Periods.Select(p => p.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        currencies = e.Currencies,
        importedAt = e.ImportedAt,
        error = e.Error,
        warnings = e.Warnings.Select(w => new { code = w.Code, message = w.Message, rows = w.Rows, amount = w.Amount, currency = w.Currency, sampleLines = w.SampleLines }),
    };

    private static string Describe(ImportHistoryEntry e)
    {
        var inv = CultureInfo.InvariantCulture;
        var head = string.Create(inv, $"#{e.Id} {e.ImportedAt:yyyy-MM-ddTHH:mm:ss}Z {e.Status.ToString().ToLowerInvariant()} {e.FilePath} ({e.Rows:N0} rows, sha256 {e.Sha256[..Math.Min(12, e.Sha256.Length)]})");
        if (e.Error is not null)
        {
            head += Environment.NewLine + "  error: " + e.Error;
        }

        foreach (var w in e.Warnings)
        {
            head += Environment.NewLine + string.Create(inv, $"  warning [{w.Code}]: {w.Message} ({w.Amount:N2} {w.Currency})");
        }

        return head;
    }
}
