using FinOps.Conversation.Cards;

namespace FinOps.Conversation.Charts;

/// <summary>Everything the host needs for chart images: the URL provider for renderers and the PNG for a requested URL.</summary>
/// <remarks>
/// With <see cref="ChartImageOptions.PublicBaseUrl"/> and <see cref="ChartImageOptions.SigningKey"/> set, renderers get
/// signed, expiring URLs; otherwise <see cref="UrlProvider"/> offers none and cards show charts as text.
/// The host maps <c>GET /{RoutePrefix}/{file}</c> (no authentication: chat clients fetch anonymously; the signature is
/// the authorization) to <see cref="RenderPng"/>, answering <c>image/png</c>, or 404 for <c>null</c>.
/// This project has no ASP.NET Core reference, so the endpoint itself lives in the host.
/// </remarks>
public sealed class ChartImageService
{
    private readonly ChartImageSigner? signer;
    private readonly ChartRenderer renderer;

    public ChartImageService(ChartImageOptions options, ChartRenderer renderer, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.renderer = renderer;
        if (options.PublicBaseUrl is not null && !string.IsNullOrWhiteSpace(options.SigningKey))
        {
            signer = new ChartImageSigner(Convert.FromBase64String(options.SigningKey), timeProvider);
            UrlProvider = new SignedChartImageUrlProvider(signer, options);
        }
        else
        {
            UrlProvider = NoChartImageUrlProvider.Instance;
        }
    }

    /// <summary>Whether signed chart URLs are configured.</summary>
    public bool Enabled => signer is not null;

    public IChartImageUrlProvider UrlProvider { get; }

    /// <summary>The PNG for the last path segment of a signed URL (<c>{token}.png</c>); <c>null</c> when invalid or expired.</summary>
    public byte[]? RenderPng(string fileName)
    {
        if (signer is null || string.IsNullOrEmpty(fileName) || !fileName.EndsWith(".png", StringComparison.Ordinal))
        {
            return null;
        }

        ChartSpec? spec = signer.Verify(fileName[..^".png".Length]);
        return spec is null ? null : renderer.RenderPng(spec);
    }
}
