using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Core.Approvals;

namespace FinOps.Bot.Cli;

/// <summary>
/// <c>approvals list [--status pending|approved|denied|expired] [--json]</c> and <c>approvals export --csv FILE</c>:
/// budget increase requests and their append-only audit.
/// </summary>
/// <remarks><c>list --json</c> prints <c>{"approvals": [...]}</c>, newest first; amounts are JSON numbers, dates ISO 8601.</remarks>
public static class ApprovalsCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var command = new Command("approvals", "Budget increase requests: list them, export their audit as CSV.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Export());
        return command;
    }

    private static Command List()
    {
        var status = new Option<string?>("--status") { Description = "Only requests with this status." };
        status.AcceptOnlyFromAmong("pending", "approved", "denied", "expired");
        var json = new Option<bool>("--json") { Description = "Print {\"approvals\": [...]} instead of lines." };
        var command = new Command("list", "List budget increase requests, newest first.") { status, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
            var requests = await host.Services.GetRequiredService<IApprovalStore>()
                .ListAsync(ApprovalWire.ParseStatus(parseResult.GetValue(status)), null, cancellationToken);
            if (parseResult.GetValue(json))
            {
                Console.WriteLine(new JsonObject { ["approvals"] = new JsonArray([.. requests.Select(ToJson)]) }.ToJsonString(Json));
                return ExitCodes.Success;
            }

            if (requests.Count == 0)
            {
                Console.WriteLine("No budget increase requests.");
            }

            foreach (var r in requests)
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{r.Id}\t{ApprovalWire.Name(r.Status)}\t{r.Team}\t{r.Period.Start:yyyy-MM-dd}..{r.Period.End.AddDays(-1):yyyy-MM-dd}\t+{r.EffectiveAmount:0.##} {r.Currency}\t{r.Requester.Name}: {r.Reason}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Export()
    {
        var csv = new Option<FileInfo>("--csv") { Description = "The CSV file to write (replaced if it exists).", Required = true };
        var command = new Command("export", "Export the whole approval audit (every request, decision, reminder, escalation, expiry) as CSV.") { csv };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var file = parseResult.GetValue(csv)!;
            using var host = CliHost.Build(parseResult.GetValue(CommonOptions.Database));
            var store = host.Services.GetRequiredService<IApprovalStore>();
            var audit = await store.AuditAsync(null, cancellationToken);
            var requests = (await store.ListAsync(null, null, cancellationToken)).ToDictionary(r => r.Id, StringComparer.Ordinal);
            try
            {
                if (file.DirectoryName is { } folder)
                {
                    Directory.CreateDirectory(folder);
                }

                // Written beside and moved into place, so a failed export never leaves half a file under the name.
                var temp = file.FullName + ".tmp";
                await using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                {
                    await ApprovalAuditCsv.WriteAsync(writer, audit, requests, cancellationToken);
                }

                File.Move(temp, file.FullName, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"error: cannot write {file.FullName}: {e.Message}");
                return ExitCodes.Failure;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exported {audit.Count} audit entries of {requests.Count} requests to {file.FullName}"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static JsonObject ToJson(ApprovalRequest r) => new()
    {
        ["id"] = r.Id,
        ["budgetId"] = r.BudgetId,
        ["team"] = r.Team,
        ["period"] = new JsonObject
        {
            ["start"] = r.Period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["end"] = r.Period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        },
        ["amount"] = r.Amount,
        ["approvedAmount"] = r.ApprovedAmount,
        ["currency"] = r.Currency,
        ["status"] = ApprovalWire.Name(r.Status),
        ["reason"] = r.Reason,
        ["requester"] = r.Requester.Key,
        ["createdAt"] = r.CreatedAt,
        ["decidedAt"] = r.DecidedAt,
        ["decidedBy"] = r.DecidedBy,
        ["decisionNote"] = r.DecisionNote,
    };
}
