using System.Globalization;

namespace FinOps.Core.Approvals;

/// <summary>Writes the approval audit as RFC 4180 CSV: a header, one line per entry, CRLF line ends, fields quoted when needed.</summary>
/// <remarks>
/// A field is quoted when it holds a comma, a double quote, CR or LF, or starts or ends with a space; a double quote
/// inside is doubled. Free text that a spreadsheet would read as a formula is prefixed with an apostrophe. Amounts use the invariant culture with no grouping and no trailing zeros; times are ISO 8601 UTC. Each line also carries
/// the request's budget, team and period so the file stands alone.
/// </remarks>
public static class ApprovalAuditCsv
{
    public static readonly string[] Header =
    [
        "sequence", "request_id", "at", "event", "actor", "note", "amount_before", "amount_after", "currency",
        "channel", "message_id", "budget_id", "team", "period_start", "period_end", "requested_by",
    ];

    public static async Task WriteAsync(TextWriter writer, IEnumerable<ApprovalEvent> audit, IReadOnlyDictionary<string, ApprovalRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(requests);
        await WriteLineAsync(writer, Header, cancellationToken);
        var inv = CultureInfo.InvariantCulture;
        foreach (var e in audit)
        {
            var request = requests.GetValueOrDefault(e.RequestId);
            await WriteLineAsync(
                writer,
                [
                    e.Sequence.ToString(inv), e.RequestId, e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", inv), ApprovalWire.Name(e.Kind), Text(e.Actor), Text(e.Note),
                    Amount(e.AmountBefore), Amount(e.AmountAfter), e.Currency, e.Channel, e.MessageId,
                    request?.BudgetId, request?.Team, request?.Period.Start.ToString("yyyy-MM-dd", inv), request?.Period.End.ToString("yyyy-MM-dd", inv),
                    Text(request?.Requester.Key),
                ],
                cancellationToken);
        }
    }

    /// <summary>One field as RFC 4180 wants it (null is an empty field).</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ';
        return quote ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>
    /// Free text people typed (a reason, a name): a value a spreadsheet would run as a formula (starting with =, +, -, @,
    /// tab or CR) gets a leading apostrophe, so opening the export never executes what a requester wrote.
    /// </summary>
    public static string? Text(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    // Stored amounts may come back with trailing zeros (2000.0); the file shows the plain number.
    private static string? Amount(decimal? value) => value?.ToString("0.############################", CultureInfo.InvariantCulture);

    private static async Task WriteLineAsync(TextWriter writer, IEnumerable<string?> fields, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(string.Join(',', fields.Select(Field)).AsMemory(), cancellationToken);
        await writer.WriteAsync("\r\n".AsMemory(), cancellationToken);
    }
}
