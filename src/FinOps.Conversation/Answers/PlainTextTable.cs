using System.Text;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Rendering;

namespace FinOps.Conversation.Answers;

/// <summary>An answer card's tables as aligned plain-text columns, for the CLI's <c>ask</c> without <c>--json</c>.</summary>
internal static class PlainTextTable
{
    /// <summary>The answer's text, then each cost table of its card (label, amount, change, share) and each chart's description.</summary>
    public static string Render(QuestionAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var text = new StringBuilder(answer.Text);
        foreach (var block in answer.Card.Blocks)
        {
            switch (block)
            {
                case CostTableBlock table:
                    text.Append('\n').Append('\n');
                    Append(text, table);
                    break;
                case ChartBlock chart when !answer.Card.Blocks.OfType<CostTableBlock>().Any():
                    text.Append('\n').Append('\n').Append(chart.AltText);
                    break;
            }
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, CostTableBlock table)
    {
        var money = MoneyFormatter.EnglishUnitedStates;
        var hasChange = table.Rows.Any(r => r.Change is not null) || table.Total?.Change is not null;
        var hasShare = table.Rows.Any(r => r.Share is not null);
        var lines = new List<string[]> { Columns(table.LabelHeader, "Amount", hasChange ? "Change" : null, hasShare ? "Share" : null) };
        foreach (var row in table.Total is null ? table.Rows : [.. table.Rows, table.Total])
        {
            lines.Add(Columns(
                row.Label,
                money.Format(row.Amount),
                hasChange ? (row.Change is null ? string.Empty : money.FormatDelta(row.Change)) : null,
                hasShare ? (row.Share is null ? string.Empty : money.FormatShare(row.Share.Value)) : null));
        }

        var widths = Enumerable.Range(0, lines[0].Length).Select(c => lines.Max(l => l[c].Length)).ToArray();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i == 1 || (i == lines.Count - 1 && table.Total is not null))
            {
                text.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
            }

            // Labels left, figures right: amounts line up on their last digit.
            var cells = lines[i].Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
            text.Append(string.Join("  ", cells).TrimEnd());
            if (i < lines.Count - 1)
            {
                text.Append('\n');
            }
        }
    }

    private static string[] Columns(string label, string amount, string? change, string? share) =>
        new[] { label, amount, change, share }.Where(c => c is not null).Select(c => c!).ToArray();
}
