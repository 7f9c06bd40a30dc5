using FinOps.Conversation.Charts;
using FinOps.Conversation.Rendering;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Charts;

public sealed class ChartImageSignerTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Verify_FreshToken_ReturnsSameSpec()
    {
        var signer = new ChartImageSigner(Key, clock);
        var token = signer.CreateToken(SampleCards.DailySpendChart, TimeSpan.FromHours(1));

        var spec = signer.Verify(token);

        Assert.NotNull(spec);
        Assert.Equal(SampleCards.DailySpendChart.Title, spec.Title);
        Assert.Equal(SampleCards.DailySpendChart.Bars, spec.Bars);
        Assert.Equal(SampleCards.DailySpendChart.ComparisonLine, spec.ComparisonLine);
        Assert.Equal(SampleCards.DailySpendChart.BudgetLine, spec.BudgetLine);
    }

    [Fact]
    public void Verify_ExpiredToken_ReturnsNull()
    {
        var signer = new ChartImageSigner(Key, clock);
        var token = signer.CreateToken(SampleCards.DailySpendChart, TimeSpan.FromHours(1));

        clock.Advance(TimeSpan.FromHours(1));

        Assert.Null(signer.Verify(token));
    }

    [Fact]
    public void Verify_TamperedSpec_ReturnsNull()
    {
        var signer = new ChartImageSigner(Key, clock);
        var token = signer.CreateToken(SampleCards.DailySpendChart, TimeSpan.FromHours(1));
        var other = signer.CreateToken(SampleCards.DailySpendChart with { Title = "Forged" }, TimeSpan.FromHours(1));
        var forged = other[..other.IndexOf('.', StringComparison.Ordinal)] + token[token.IndexOf('.', StringComparison.Ordinal)..];

        Assert.Null(signer.Verify(forged));
    }

    [Fact]
    public void Verify_ExtendedExpiry_ReturnsNull()
    {
        var signer = new ChartImageSigner(Key, clock);
        var parts = signer.CreateToken(SampleCards.DailySpendChart, TimeSpan.FromHours(1)).Split('.');
        var extended = $"{parts[0]}.{long.Parse(parts[1]) + 86400}.{parts[2]}";

        Assert.Null(signer.Verify(extended));
    }

    [Fact]
    public void Verify_OtherKey_ReturnsNull()
    {
        var token = new ChartImageSigner(Key, clock).CreateToken(SampleCards.DailySpendChart, TimeSpan.FromHours(1));
        var otherKey = Key.Select(b => (byte)(b ^ 1)).ToArray();

        Assert.Null(new ChartImageSigner(otherKey, clock).Verify(token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b.c")]
    [InlineData("..")]
    [InlineData("!!!.123.???")]
    public void Verify_Garbage_ReturnsNull(string token)
    {
        Assert.Null(new ChartImageSigner(Key, clock).Verify(token));
    }

    [Fact]
    public void Constructor_ShortKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ChartImageSigner(new byte[16], clock));
    }

    [Fact]
    public void SignedProvider_Spec_GivesHttpsUrlUnderRouteThatVerifies()
    {
        var signer = new ChartImageSigner(Key, clock);
        var provider = new SignedChartImageUrlProvider(signer, new ChartImageOptions { PublicBaseUrl = new Uri("https://bot.example.com/finops") });

        var url = provider.GetImageUrl(SampleCards.DailySpendChart);

        Assert.NotNull(url);
        Assert.StartsWith("https://bot.example.com/finops/charts/", url.AbsoluteUri, StringComparison.Ordinal);
        Assert.EndsWith(".png", url.AbsoluteUri, StringComparison.Ordinal);
        var token = url.Segments[^1][..^".png".Length];
        Assert.NotNull(signer.Verify(token));
        Assert.True(url.AbsoluteUri.Length <= SignedChartImageUrlProvider.MaxUrlLength);
    }

    [Fact]
    public void SignedProvider_HugeSpec_OffersNoUrl()
    {
        var provider = new SignedChartImageUrlProvider(new ChartImageSigner(Key, clock), new ChartImageOptions { PublicBaseUrl = new Uri("https://bot.example.com/") });
        var huge = SampleCards.DailySpendChart with { Bars = Enumerable.Range(0, 400).Select(i => new Cards.ChartPoint($"day {i}", i)).ToList() };

        Assert.Null(provider.GetImageUrl(huge));
    }
}
