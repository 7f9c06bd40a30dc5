using FinOps.Core.Approvals;
using FinOps.Core.Query;
using Sylvan.Data.Csv;

namespace FinOps.Core.Tests.Approvals;

public sealed class ApprovalAuditCsvTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")", "'=HYPERLINK(\"http://evil.example\",\"x\")")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("launch traffic", "launch traffic")]
    public void Text_FormulaLikeValue_PrefixedWithApostrophe(string typed, string exported)
    {
        Assert.Equal(exported, ApprovalAuditCsv.Text(typed));
    }

    [Fact]
    public async Task WriteAsync_ReasonWrittenAsFormula_ReadBackAsInertTextAmountsUntouched()
    {
        var request = new ApprovalRequest(
            "r1", "payments-month", "payments", new DateRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)), 2000m, "USD",
            "=cmd|' /C calc'!A0", new ApprovalParty("riley@corp.example", "Riley", "slack"), ApprovalStatus.Pending,
            null, 0, 0, At, At, null, null, null, null, 1);
        var requested = new ApprovalEvent(1, "r1", At, ApprovalEventKind.Requested, "riley@corp.example", "=cmd|' /C calc'!A0", null, 2000m, "USD", "slack", null);
        using var writer = new StringWriter();

        await ApprovalAuditCsv.WriteAsync(writer, [requested], new Dictionary<string, ApprovalRequest> { ["r1"] = request }, CancellationToken.None);

        using var reader = CsvDataReader.Create(new StringReader(writer.ToString()));
        Assert.True(await reader.ReadAsync());
        Assert.Equal("'=cmd|' /C calc'!A0", reader.GetString(reader.GetOrdinal("note")));
        Assert.Equal("2000", reader.GetString(reader.GetOrdinal("amount_after")));
        Assert.Equal("riley@corp.example", reader.GetString(reader.GetOrdinal("actor")));
    }
}
