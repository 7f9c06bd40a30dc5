using FinOps.Conversation.Cards;

namespace FinOps.Conversation.Charts;

/// <summary>Offers no chart images: cards show the chart's alt text and key numbers instead.</summary>
public sealed class NoChartImageUrlProvider : IChartImageUrlProvider
{
    public static NoChartImageUrlProvider Instance { get; } = new();

    public Uri? GetImageUrl(ChartSpec spec) => null;
}
