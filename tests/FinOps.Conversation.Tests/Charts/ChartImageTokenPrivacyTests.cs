using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Charts;
using FinOps.Conversation.Rendering;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Conversation.Tests.Charts;

/// <summary>Chart links do not carry the figures in readable form, still render, and refuse tampering.</summary>
public sealed class ChartImageTokenPrivacyTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)(i * 11 + 3)).ToArray();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly ChartRenderer renderer = new(MoneyFormatter.EnglishUnitedStates);

    private ChartImageService Service() => new(
        new ChartImageOptions { PublicBaseUrl = new Uri("https://bot.example.com/"), SigningKey = Convert.ToBase64String(Key) },
        renderer,
        clock);

    /// <summary>The words and numbers of the sample chart: title, bar labels and values, as they would read in the URL.</summary>
    private static IEnumerable<string> Secrets(ChartSpec spec) =>
        new[] { spec.Title, spec.ComparisonLabel ?? string.Empty }
            .Concat(spec.Bars.Select(b => b.Label))
            .Concat(spec.Bars.Select(b => b.Value.ToString(CultureInfo.InvariantCulture)))
            .Where(s => s.Length >= 3);

    /// <summary>Every way the URL could be read: as is, URL-decoded, and each path segment and dot-separated part base64url-decoded.</summary>
    private static IEnumerable<string> Readings(Uri url)
    {
        yield return url.AbsoluteUri;
        yield return Uri.UnescapeDataString(url.AbsoluteUri);
        foreach (var segment in url.Segments.Select(s => s.Trim('/')).Where(s => s.Length > 0))
        {
            var name = segment.EndsWith(".png", StringComparison.Ordinal) ? segment[..^4] : segment;
            foreach (var part in name.Split('.').Append(name))
            {
                if (Base64Url.IsValid(part))
                {
                    yield return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(part));
                    yield return Encoding.Latin1.GetString(Base64Url.DecodeFromChars(part));
                }
            }
        }
    }

    [Fact]
    public void GetImageUrl_SampleChart_NoFigureOrLabelReadableInUrl()
    {
        var spec = SampleCards.DailySpendChart;
        // A fixed key and nonce make the ciphertext, and so the test, the same on every run.
        var provider = new SignedChartImageUrlProvider(
            new ChartImageSigner(Key, clock, new FixedRandom(0x5A)), new ChartImageOptions { PublicBaseUrl = new Uri("https://bot.example.com/") });
        var url = provider.GetImageUrl(spec)!;

        var readings = Readings(url).ToList();

        Assert.NotEmpty(Secrets(spec));
        Assert.All(Secrets(spec), secret => Assert.All(readings, reading => Assert.DoesNotContain(secret, reading, StringComparison.OrdinalIgnoreCase)));
        Assert.All(readings, reading => Assert.DoesNotContain(JsonSerializer.Serialize(spec.Bars[0].Value), reading, StringComparison.Ordinal));
    }

    [Fact]
    public void GetImageUrl_SameChartTwice_DifferentUrls()
    {
        var service = Service();

        var first = service.UrlProvider.GetImageUrl(SampleCards.DailySpendChart)!;
        var second = service.UrlProvider.GetImageUrl(SampleCards.DailySpendChart)!;

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void RenderPng_IssuedUrl_RendersTheChart()
    {
        var service = Service();
        var url = service.UrlProvider.GetImageUrl(SampleCards.DailySpendChart)!;

        var png = service.RenderPng(url.Segments[^1]);

        Assert.NotNull(png);
        Assert.Equal(renderer.RenderPng(SampleCards.DailySpendChart), png);
    }

    [Fact]
    public void RenderPng_IssuedUrlAfterRestartWithSameKey_RendersTheChart()
    {
        var url = Service().UrlProvider.GetImageUrl(SampleCards.DailySpendChart)!;

        // A new service from the same configuration is what the bot is after a restart.
        var png = Service().RenderPng(url.Segments[^1]);

        Assert.NotNull(png);
    }

    [Fact]
    public void RenderPng_TamperedUrl_Null()
    {
        var service = Service();
        var file = service.UrlProvider.GetImageUrl(SampleCards.DailySpendChart)!.Segments[^1];
        var token = file[..^".png".Length];
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..] + ".png";

        Assert.Null(service.RenderPng(tampered));
    }

    [Fact]
    public void Verify_LegacySignedTokenBeforeExpiry_StillAccepted()
    {
        // A link posted before the upgrade: signed only, its figures already in the URL.
        var json = JsonSerializer.SerializeToUtf8Bytes(SampleCards.DailySpendChart, ChartJsonContext.Default.ChartSpec);
        var signed = Base64Url.EncodeToString(json) + "." + clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var legacy = signed + "." + Base64Url.EncodeToString(HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(signed)));
        var signer = new ChartImageSigner(Key, clock);

        Assert.Equal(SampleCards.DailySpendChart.Title, signer.Verify(legacy)?.Title);
        Assert.Null(signer.Verify(legacy[..^2] + "AA"));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(signer.Verify(legacy));
    }

    /// <summary>A "random" source that always gives the same byte, for reproducible tokens.</summary>
    internal sealed class FixedRandom(byte value) : RandomNumberGenerator
    {
        public override void GetBytes(byte[] data) => Array.Fill(data, value);
    }
}
