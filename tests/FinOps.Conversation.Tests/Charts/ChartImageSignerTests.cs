using System.Buffers.Text;
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
    public void Verify_TamperedToken_ReturnsNull()
    {
        var signer = new ChartImageSigner(Key, clock);
        var token = Base64Url.DecodeFromChars(signer.CreateToken(SampleCards.DailySpendChart, TimeSpan.FromHours(1)));

        // Every byte counts: version, nonce, tag and ciphertext (which holds the expiry and the spec).
        for (var i = 0; i < token.Length; i++)
        {
            var tampered = (byte[])token.Clone();
            tampered[i] ^= 0x01;
            Assert.Null(signer.Verify(Base64Url.EncodeToString(tampered)));
        }
    }

    [Fact]
    public void Verify_Truncated_ReturnsNull()
    {
        var signer = new ChartImageSigner(Key, clock);
        var token = signer.CreateToken(SampleCards.DailySpendChart, TimeSpan.FromHours(1));

        Assert.Null(signer.Verify(token[..^4]));
        Assert.Null(signer.Verify(token[..40]));
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
