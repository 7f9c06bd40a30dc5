namespace FinOps.Conversation.Charts;

/// <summary>Settings for chart images served by the bot (section <c>Charts</c>).</summary>
/// <remarks>
/// Slack and Teams fetch images from the public internet, so signed URLs need the bot's public HTTPS base address.
/// Without <see cref="PublicBaseUrl"/> and <see cref="SigningKey"/> charts are shown as text only.
/// </remarks>
public sealed class ChartImageOptions
{
    public const string SectionName = "Charts";

    /// <summary>The bot's public base address, e.g. <c>https://finops.example.com/</c>.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// Secret, at least 32 bytes, Base64, from which the key that encrypts and authenticates chart links is derived.
    /// Every instance needs the same value; changing it breaks links already posted. Keep it out of source control.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a signed chart URL stays valid. Chat clients fetch (and cache) images soon after posting.</summary>
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The path the host maps for chart images.</summary>
    public string RoutePrefix { get; set; } = "charts";
}
