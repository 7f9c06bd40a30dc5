using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace FinOps.Slack.Installation;

/// <summary>
/// The OAuth <c>state</c>: <c>{expiry unix seconds}.{random nonce}.{HMAC-SHA256}</c>, base64url, so the callback can
/// check that it issued the state and that it has not expired. The callback also spends the nonce (an idempotency
/// claim until expiry), so a replayed callback is refused.
/// </summary>
public static class SlackOAuthState
{
    private const int NonceBytes = 16;

    /// <summary>A new state valid until <paramref name="expiresAt"/>.</summary>
    public static string Create(string key, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var payload = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "." + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(NonceBytes));
        return payload + "." + WebEncoders.Base64UrlEncode(Sign(key, payload));
    }

    /// <summary>True when <paramref name="state"/> carries our signature and has not expired at <paramref name="now"/>.</summary>
    public static bool IsValid(string key, string? state, DateTimeOffset now) => TryRead(key, state, now, out _, out _);

    /// <summary>
    /// Checks <paramref name="state"/> as <see cref="IsValid"/> does and gives its nonce (what makes it single-use)
    /// and expiry (how long that use must be remembered).
    /// </summary>
    public static bool TryRead(string key, string? state, DateTimeOffset now, out string nonce, out DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        nonce = string.Empty;
        expiresAt = default;
        if (string.IsNullOrEmpty(state))
        {
            return false;
        }

        var lastDot = state.LastIndexOf('.');
        var firstDot = state.IndexOf('.', StringComparison.Ordinal);
        if (firstDot <= 0 || lastDot == firstDot)
        {
            return false;
        }

        var payload = state[..lastDot];
        byte[] signature;
        try
        {
            signature = WebEncoders.Base64UrlDecode(state[(lastDot + 1)..]);
        }
        catch (FormatException)
        {
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(Sign(key, payload), signature))
        {
            return false;
        }

        if (!long.TryParse(state.AsSpan(0, firstDot), NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)
            || expiry > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || DateTimeOffset.FromUnixTimeSeconds(expiry) <= now)
        {
            return false;
        }

        nonce = state[(firstDot + 1)..lastDot];
        expiresAt = DateTimeOffset.FromUnixTimeSeconds(expiry);
        return true;
    }

    private static byte[] Sign(string key, string payload) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(payload));
}
