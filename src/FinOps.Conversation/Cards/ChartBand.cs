namespace FinOps.Conversation.Cards;

/// <summary>A shaded range under a chart's values, aligned by position with its points (e.g. an anomaly's expected band).</summary>
public sealed record ChartBand(IReadOnlyList<decimal> Lower, IReadOnlyList<decimal> Upper, string Label);
