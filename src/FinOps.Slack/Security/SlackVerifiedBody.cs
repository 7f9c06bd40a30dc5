using Microsoft.AspNetCore.Http;

namespace FinOps.Slack.Security;

/// <summary>The raw body of a request whose Slack signature was verified; endpoints read the request only through this.</summary>
public sealed class SlackVerifiedBody(ReadOnlyMemory<byte> bytes)
{
    private static readonly object ItemKey = new();

    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    internal void Attach(HttpContext context) => context.Items[ItemKey] = this;

    /// <summary>The verified body; throws when the signature filter did not run, so an unverified body is never read.</summary>
    public static SlackVerifiedBody From(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ItemKey, out var value) && value is SlackVerifiedBody body
            ? body
            : throw new InvalidOperationException("The Slack signature filter did not run for this endpoint.");
    }
}
