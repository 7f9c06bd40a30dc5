using FinOps.Conversation.Cards;
using FinOps.Conversation.Rendering;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace FinOps.Conversation.Charts;

/// <summary>Draws a <see cref="ChartSpec"/> as a PNG sized for chat (600x300 by default) with ScottPlot.</summary>
/// <remarks>
/// Bars are the current period (a blue line with <see cref="ChartStyle.Line"/>), the dashed orange line the previous period
/// (or the expected value) aligned by position, the red line the budget, the light blue shading the band.
/// The value axis is labelled with the currency and compact amounts ($1.2K); with many bars only every n-th
/// category label is shown so labels never overlap.
/// </remarks>
public sealed class ChartRenderer(MoneyFormatter formatter)
{
    public const int DefaultWidth = 600;
    public const int DefaultHeight = 300;

    // ScottPlot's own sans detection falls back to Skia's default typeface, a serif on many Linux hosts.
    private static readonly string[] SansCandidates = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "Segoe UI"];
    private static readonly Lazy<string> SansFont = new(() =>
        SansCandidates.FirstOrDefault(name =>
        {
            using var typeface = SkiaSharp.SKTypeface.FromFamilyName(name);
            return string.Equals(typeface?.FamilyName, name, StringComparison.OrdinalIgnoreCase);
        }) ?? Fonts.Default);

    private static readonly Color BarColor = Color.FromHex("#2F6FDE");
    private static readonly Color ComparisonColor = Color.FromHex("#D97706");
    private static readonly Color BudgetColor = Color.FromHex("#C62828");
    private static readonly Color BandColor = Color.FromHex("#D5E2F8");
    private static readonly Color GridColor = Color.FromHex("#E5E7EB");
    private static readonly Color TextColor = Color.FromHex("#1F2937");

    public byte[] RenderPng(ChartSpec spec, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var plot = new Plot();
        plot.Font.Set(SansFont.Value);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = GridColor;
        plot.Grid.XAxisStyle.IsVisible = false;
        plot.Axes.Color(TextColor);
        plot.Axes.Right.IsVisible = false;
        plot.Axes.Top.FrameLineStyle.IsVisible = false;
        plot.Axes.Right.FrameLineStyle.IsVisible = false;

        var count = spec.Bars.Count;
        var positions = Enumerable.Range(0, count).Select(i => (double)i).ToArray();
        var values = spec.Bars.Select(b => (double)b.Value).ToArray();
        var max = spec.Bars.Count == 0 ? 0m : spec.Bars.Max(b => b.Value);
        if (spec.Band is { } band && Math.Min(band.Lower.Count, band.Upper.Count) is var bandCount and > 0)
        {
            // Drawn first, so the values and lines lie on top of the shading.
            var n = Math.Min(bandCount, count == 0 ? bandCount : count);
            var fill = plot.Add.FillY(
                positions.Length >= n ? positions[..n] : Enumerable.Range(0, n).Select(i => (double)i).ToArray(),
                band.Lower.Take(n).Select(v => (double)v).ToArray(),
                band.Upper.Take(n).Select(v => (double)v).ToArray());
            fill.FillColor = BandColor;
            fill.LineWidth = 0;
            fill.LegendText = band.Label;
            max = Math.Max(max, band.Upper.Take(n).DefaultIfEmpty(0m).Max());
        }

        if (spec.Style == ChartStyle.Line)
        {
            var line = plot.Add.Scatter(positions, values);
            line.Color = BarColor;
            // No markers and an opaque band: the PNG stays small enough to inline in a Teams card.
            line.LineWidth = 2.5f;
            line.MarkerSize = 0;
            line.LegendText = spec.ValuesLabel ?? "Actual";
        }
        else
        {
            var bars = plot.Add.Bars(positions, values);
            bars.Color = BarColor;
            bars.LegendText = spec.ValuesLabel ?? "This period";
            foreach (var bar in bars.Bars)
            {
                bar.Size = 0.7;
                bar.LineWidth = 0;
            }
        }

        if (spec.ComparisonLine is { Count: > 0 } comparison)
        {
            var n = Math.Min(comparison.Count, count == 0 ? comparison.Count : count);
            var line = plot.Add.Scatter(positions.Take(n).ToArray(), comparison.Take(n).Select(v => (double)v).ToArray());
            line.Color = ComparisonColor;
            line.LineWidth = 2.5f;
            line.LinePattern = LinePattern.Dashed;
            line.MarkerSize = spec.Style == ChartStyle.Line ? 0 : 6;
            line.MarkerShape = MarkerShape.FilledCircle;
            line.LegendText = spec.ComparisonLabel ?? "Previous period";
            max = Math.Max(max, comparison.Take(n).DefaultIfEmpty(0m).Max());
        }

        if (spec.BudgetLine is { } budget)
        {
            var line = plot.Add.HorizontalLine((double)budget);
            line.Color = BudgetColor;
            line.LineWidth = 2;
            line.LegendText = "Budget";
            line.LabelText = string.Empty;
            max = Math.Max(max, budget);
        }

        var step = Math.Max(1, (int)Math.Ceiling(count / 12.0));
        var ticks = Enumerable.Range(0, count)
            .Where(i => i % step == 0)
            .Select(i => new Tick(i, spec.Bars[i].Label))
            .ToArray();
        plot.Axes.Bottom.TickGenerator = new NumericManual(ticks);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;

        var currency = spec.Currency;
        plot.Axes.Left.TickGenerator = new NumericAutomatic
        {
            LabelFormatter = v => formatter.FormatCompact(new Money((decimal)v, currency)),
            TargetTickCount = 5,
        };
        plot.Axes.Left.Label.Text = $"Cost ({currency})";
        plot.Axes.Left.Label.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Title(spec.Title, size: 15);

        var top = max <= 0 ? 1d : (double)max * 1.08;
        plot.Axes.SetLimits(-0.6, Math.Max(count, 1) - 0.4, 0, top);

        // Outside the data area, under the axis: a legend inside would cover the tallest bars.
        plot.Legend.FontSize = 12;
        plot.Legend.FontName = SansFont.Value;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.OutlineColor = Colors.Transparent;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend(Edge.Bottom);

        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
