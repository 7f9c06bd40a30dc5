using FinOps.Conversation.Cards;

namespace FinOps.Conversation.Charts;

/// <summary>Chart images inlined as <c>data:image/png;base64,</c> URIs, for the playground and for Teams without a public URL.</summary>
/// <remarks>
/// Adaptive Cards accept data URIs in <c>Image.url</c> (schema 1.2+), but the image counts against the message size, so
/// images larger than <see cref="MaxPngBytes"/> are not offered and the card falls back to text.
/// Slack does not accept data URIs; never use this provider for Slack.
/// </remarks>
public sealed class DataUriChartImageUrlProvider(ChartRenderer renderer, int maxPngBytes = DataUriChartImageUrlProvider.DefaultMaxPngBytes) : IChartImageUrlProvider
{
    /// <summary>Leaves room in Teams' ~28 KB budget for the rest of the card (base64 grows the bytes by a third).</summary>
    public const int DefaultMaxPngBytes = 15_000;

    public int MaxPngBytes { get; } = maxPngBytes;

    public Uri? GetImageUrl(ChartSpec spec)
    {
        var png = renderer.RenderPng(spec);
        return png.Length <= MaxPngBytes ? new Uri("data:image/png;base64," + Convert.ToBase64String(png)) : null;
    }
}
