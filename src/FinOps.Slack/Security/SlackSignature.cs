using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FinOps.Slack.Security;

/// <summary>Slack's v0 request signature: HMAC-SHA256 of <c>v0:{timestamp}:{raw body}</c> keyed with the signing secret.</summary>
public static class SlackSignature
{
    /// <summary>How far a request timestamp may be from now, either way, before the request counts as a replay.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private const string Version = "v0";
    private const int HashBytes = 32;

    /// <summary>The <c>X-Slack-Signature</c> value for a request: <c>v0=</c> and the lowercase hex digest.</summary>
    public static string Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        ArgumentNullException.ThrowIfNull(timestamp);
        return Version + "=" + Convert.ToHexStringLower(Hash(signingSecret, timestamp, body));
    }

    /// <summary>True when the signature matches (constant-time) and the timestamp is within <see cref="MaxClockSkew"/> of <paramref name="now"/>.</summary>
    public static bool IsValid(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        if (seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > MaxClockSkew)
        {
            return false;
        }

        const string Prefix = Version + "=";
        if (!signature.StartsWith(Prefix, StringComparison.Ordinal) || signature.Length != Prefix.Length + (HashBytes * 2))
        {
            return false;
        }

        Span<byte> provided = stackalloc byte[HashBytes];
        if (Convert.FromHexString(signature.AsSpan(Prefix.Length), provided, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != HashBytes)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Hash(signingSecret, timestamp, body), provided);
    }

    private static byte[] Hash(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(signingSecret));
        hmac.AppendData(Encoding.UTF8.GetBytes(Version + ":" + timestamp + ":"));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
