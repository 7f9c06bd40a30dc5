using FinOps.Conversation.Charts;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Slack.Tests.BlockKit;

/// <summary>A real signed URL provider with a fixed key and clock, so golden files are stable.</summary>
internal static class TestChartImages
{
    public static FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public static SignedChartImageUrlProvider SignedUrls() => new(
        new ChartImageSigner(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), Clock),
        new ChartImageOptions { PublicBaseUrl = new Uri("https://finops.example.com/"), SigningKey = "unused-here" });
}
