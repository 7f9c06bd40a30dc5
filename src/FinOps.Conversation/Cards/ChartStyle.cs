namespace FinOps.Conversation.Cards;

/// <summary>How a chart draws its current values: as bars (periods) or as a line (a daily series against a band).</summary>
public enum ChartStyle
{
    Bars,
    Line,
}
