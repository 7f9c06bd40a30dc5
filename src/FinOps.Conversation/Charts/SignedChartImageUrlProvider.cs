using FinOps.Conversation.Cards;

namespace FinOps.Conversation.Charts;

/// <summary>Chart images as encrypted, expiring URLs under the bot's public address (<c>{PublicBaseUrl}/{RoutePrefix}/{token}.png</c>); the figures never appear in the URL.</summary>
/// <remarks>URLs longer than Slack's 3000-character <c>image_url</c> limit are not offered; the card falls back to text.</remarks>
public sealed class SignedChartImageUrlProvider : IChartImageUrlProvider
{
    /// <summary>Slack's limit on <c>image_url</c>; Teams accepts longer, but one URL must work for both.</summary>
    public const int MaxUrlLength = 3000;

    private readonly ChartImageSigner signer;
    private readonly Uri baseUrl;
    private readonly ChartImageOptions options;

    public SignedChartImageUrlProvider(ChartImageSigner signer, ChartImageOptions options)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(options);
        if (options.PublicBaseUrl is not { IsAbsoluteUri: true } url)
        {
            throw new ArgumentException("Charts:PublicBaseUrl must be an absolute URL.", nameof(options));
        }

        this.signer = signer;
        this.options = options;
        baseUrl = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }

    public Uri? GetImageUrl(ChartSpec spec)
    {
        var token = signer.CreateToken(spec, options.UrlLifetime);
        var url = new Uri(baseUrl, options.RoutePrefix.Trim('/') + "/" + token + ".png");
        return url.AbsoluteUri.Length <= MaxUrlLength ? url : null;
    }
}
