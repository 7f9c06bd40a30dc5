using FinOps.Conversation.Cards;

namespace FinOps.Conversation.Charts;

/// <summary>Gives a chart an image address a chat client can load, or none.</summary>
/// <remarks>
/// Renderers call this for every <see cref="ChartBlock"/>. <c>null</c> means no image can be offered (no public URL
/// configured, or the chart is too big to inline); the card then stands on the chart's alt text and key numbers.
/// </remarks>
public interface IChartImageUrlProvider
{
    Uri? GetImageUrl(ChartSpec spec);
}
