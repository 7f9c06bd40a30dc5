using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FinOps.Conversation.Cards;

namespace FinOps.Conversation.Charts;

/// <summary>Creates and checks self-contained, expiring, HMAC-SHA256-signed tokens that carry a chart's spec.</summary>
/// <remarks>
/// A token is <c>{base64url(spec json)}.{expiry unix seconds}.{base64url(hmac)}</c>, the HMAC taken over the first two
/// parts. The spec travels in the URL, so serving the image needs no storage and survives restarts; the signature
/// stops anyone from drawing arbitrary charts with the bot, and the expiry bounds how long a leaked URL works.
/// </remarks>
public sealed class ChartImageSigner
{
    private readonly byte[] key;
    private readonly TimeProvider timeProvider;

    public ChartImageSigner(byte[] key, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (key.Length < 32)
        {
            throw new ArgumentException("The chart signing key must be at least 32 bytes.", nameof(key));
        }

        this.key = (byte[])key.Clone();
        this.timeProvider = timeProvider;
    }

    public string CreateToken(ChartSpec spec, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var json = JsonSerializer.SerializeToUtf8Bytes(spec, ChartJsonContext.Default.ChartSpec);
        var expires = timeProvider.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var signed = Base64Url.EncodeToString(json) + "." + expires.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return signed + "." + Base64Url.EncodeToString(Sign(signed));
    }

    /// <summary>The spec of a valid, unexpired token; <c>null</c> for anything else (tampered, expired, malformed).</summary>
    public ChartSpec? Verify(string token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 8192)
        {
            return null;
        }

        var lastDot = token.LastIndexOf('.');
        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        if (firstDot <= 0 || lastDot <= firstDot)
        {
            return null;
        }

        var signed = token[..lastDot];
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(token.AsSpan(lastDot + 1));
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(signed)))
        {
            return null;
        }

        if (!long.TryParse(token.AsSpan(firstDot + 1, lastDot - firstDot - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var expires) ||
            timeProvider.GetUtcNow().ToUnixTimeSeconds() >= expires)
        {
            return null;
        }

        try
        {
            var json = Base64Url.DecodeFromChars(token.AsSpan(0, firstDot));
            return JsonSerializer.Deserialize(json, ChartJsonContext.Default.ChartSpec);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private byte[] Sign(string signed) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed));
}
