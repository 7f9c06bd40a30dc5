using FinOps.Conversation.Cards;

namespace FinOps.Conversation.Rendering;

/// <summary>The key numbers of a chart in words, shown next to every chart so the card makes sense without the image.</summary>
public static class ChartSummary
{
    public const string Separator = " · ";

    /// <summary>E.g. <c>Total $6,880.66 · Previous period $6,468.33 (▲ +6.4%) · Peak Tue $1,204.10 · Budget line $1,000.00</c>.</summary>
    public static IReadOnlyList<string> Describe(ChartSpec spec, MoneyFormatter formatter)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(formatter);
        var parts = new List<string>();
        var total = new Money(spec.Bars.Sum(b => b.Value), spec.Currency);
        parts.Add("Total " + formatter.Format(total));
        if (spec.ComparisonLine is { Count: > 0 } comparison)
        {
            var previous = new Money(comparison.Take(Math.Max(spec.Bars.Count, 1)).Sum(), spec.Currency);
            var label = spec.ComparisonLabel ?? "Previous period";
            var delta = Delta.Between(total, previous);
            var arrow = MoneyFormatter.DirectionOf(delta) switch
            {
                DeltaDirection.Up => "▲ ",
                DeltaDirection.Down => "▼ ",
                _ => string.Empty,
            };
            parts.Add($"{label} {formatter.Format(previous)} ({arrow}{formatter.FormatRatio(delta.Ratio)})");
        }

        if (spec.Bars.Count > 0)
        {
            var peak = spec.Bars.MaxBy(b => b.Value)!;
            parts.Add($"Peak {peak.Label} {formatter.Format(new Money(peak.Value, spec.Currency))}");
        }

        if (spec.Band is { Lower.Count: > 0, Upper.Count: > 0 } band && spec.Bars.Count > 0)
        {
            var last = Math.Min(Math.Min(band.Lower.Count, band.Upper.Count), spec.Bars.Count) - 1;
            parts.Add($"{band.Label} on {spec.Bars[last].Label} {formatter.Format(new Money(band.Lower[last], spec.Currency))}–{formatter.Format(new Money(band.Upper[last], spec.Currency))}");
        }

        if (spec.BudgetLine is { } budget)
        {
            parts.Add("Budget line " + formatter.Format(new Money(budget, spec.Currency)));
        }

        return parts;
    }

    public static string DescribeText(ChartSpec spec, MoneyFormatter formatter) => string.Join(Separator, Describe(spec, formatter));
}
