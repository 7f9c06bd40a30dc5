using FinOps.Conversation.Charts;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Slack.Tests.BlockKit;

/// <summary>A real encrypted URL provider with a fixed key, clock and nonce, so golden files are stable.</summary>
internal static class TestChartImages
{
    public static FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public static SignedChartImageUrlProvider SignedUrls() => new(
        new ChartImageSigner(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), Clock, new FixedNonces()),
        new ChartImageOptions { PublicBaseUrl = new Uri("https://finops.example.com/"), SigningKey = "unused-here" });

    /// <summary>Always the same nonce: only for stable golden files, never for real tokens.</summary>
    private sealed class FixedNonces : System.Security.Cryptography.RandomNumberGenerator
    {
        public override void GetBytes(byte[] data) => Array.Fill(data, (byte)0x42);
    }
}
