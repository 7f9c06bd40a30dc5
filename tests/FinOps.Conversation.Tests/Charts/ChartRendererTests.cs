using FinOps.Conversation.Cards;
using FinOps.Conversation.Charts;
using FinOps.Conversation.Rendering;

namespace FinOps.Conversation.Tests.Charts;

public sealed class ChartRendererTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly ChartRenderer renderer = new(MoneyFormatter.EnglishUnitedStates);

    [Fact]
    public void RenderPng_SampleChart_IsPngOfChatSize()
    {
        var png = renderer.RenderPng(SampleCards.DailySpendChart);

        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal(ChartRenderer.DefaultWidth, ReadBigEndian(png, 16));
        Assert.Equal(ChartRenderer.DefaultHeight, ReadBigEndian(png, 20));
        WritePreview("chart-sample.png", png);
    }

    [Fact]
    public void RenderPng_ThirtyDaysNoComparison_Renders()
    {
        var spec = new ChartSpec("Daily cost, November", "EUR", Enumerable.Range(1, 30).Select(d => new ChartPoint($"{d} Nov", 1000m + (d * 37 % 11 * 90))).ToList(), BudgetLine: 1500m);

        var png = renderer.RenderPng(spec, 800, 400);

        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal(800, ReadBigEndian(png, 16));
        WritePreview("chart-30-days.png", png);
    }

    [Fact]
    public void RenderPng_NoBars_StillRenders()
    {
        var png = renderer.RenderPng(new ChartSpec("Nothing yet", "USD", []));

        Assert.Equal(PngSignature, png[..8]);
    }

    [Fact]
    public void DataUriProvider_SmallLimit_OffersNoUrl()
    {
        Assert.Null(new DataUriChartImageUrlProvider(renderer, maxPngBytes: 100).GetImageUrl(SampleCards.DailySpendChart));
    }

    [Fact]
    public void DataUriProvider_LargeLimit_OffersPngDataUri()
    {
        var url = new DataUriChartImageUrlProvider(renderer, maxPngBytes: 1_000_000).GetImageUrl(SampleCards.DailySpendChart);

        Assert.NotNull(url);
        Assert.StartsWith("data:image/png;base64,iVBORw0KGgo", url.OriginalString, StringComparison.Ordinal);
    }

    private static int ReadBigEndian(byte[] bytes, int offset) =>
        (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];

    /// <summary>Set CARD_PREVIEW_DIR to keep the images for a person to look at.</summary>
    private static void WritePreview(string name, byte[] png)
    {
        if (Environment.GetEnvironmentVariable("CARD_PREVIEW_DIR") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, name), png);
        }
    }
}
