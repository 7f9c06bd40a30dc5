using FinOps.Conversation.Charts;
using FinOps.Conversation.Rendering;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Charts;

public sealed class ChartImageServiceTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly ChartRenderer renderer = new(MoneyFormatter.EnglishUnitedStates);

    [Fact]
    public void RenderPng_FileNameOfIssuedUrl_ReturnsPngUntilExpiry()
    {
        var options = new ChartImageOptions
        {
            PublicBaseUrl = new Uri("https://bot.example.com/"),
            SigningKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()),
            UrlLifetime = TimeSpan.FromDays(1),
        };
        var service = new ChartImageService(options, renderer, clock);

        var url = service.UrlProvider.GetImageUrl(SampleCards.DailySpendChart)!;
        var png = service.RenderPng(url.Segments[^1]);

        Assert.True(service.Enabled);
        Assert.NotNull(png);
        Assert.Equal(0x89, png[0]);
        Assert.Null(service.RenderPng(url.Segments[^1].Replace(".png", ".gif", StringComparison.Ordinal)));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Null(service.RenderPng(url.Segments[^1]));
    }

    [Fact]
    public void UrlProvider_NotConfigured_OffersNoImages()
    {
        var service = new ChartImageService(new ChartImageOptions(), renderer, clock);

        Assert.False(service.Enabled);
        Assert.Null(service.UrlProvider.GetImageUrl(SampleCards.DailySpendChart));
        Assert.Null(service.RenderPng("anything.png"));
    }
}
