using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FinOps.Conversation.Cards;

namespace FinOps.Conversation.Charts;

/// <summary>Creates and checks self-contained, expiring, encrypted tokens that carry a chart's spec.</summary>
/// <remarks>
/// <para>
/// A token is <c>base64url(version | nonce | tag | ciphertext)</c>: AES-256-GCM over the expiry (Unix seconds) and the
/// spec's JSON, under a key derived (HKDF-SHA256) from <see cref="ChartImageOptions.SigningKey"/>. Chart links end up in
/// chat messages, client caches, proxy logs and link previews, so the figures and labels travel encrypted, not merely
/// signed; GCM's tag stops anyone from drawing arbitrary charts with the bot, and the expiry, inside the ciphertext,
/// bounds how long a leaked link works.
/// </para>
/// <para>
/// Serving an image needs no storage, and the key comes from configuration, so links keep working across restarts and
/// on every instance that shares the setting. Tokens of the earlier signed-only form
/// (<c>{base64url(spec json)}.{expiry}.{base64url(hmac)}</c>) are still honoured until they expire, so images in
/// messages posted before an upgrade do not break; they reveal nothing their URL did not already show.
/// </para>
/// </remarks>
public sealed class ChartImageSigner
{
    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int HeaderBytes = 1 + NonceBytes + TagBytes;
    private const int MaxTokenLength = 8192;
    private static readonly byte[] EncryptionPurpose = Encoding.ASCII.GetBytes("FinOps.Charts.ImageToken.v1");
    private static readonly byte[] AssociatedData = [Version];

    private readonly byte[] legacyKey;
    private readonly byte[] encryptionKey;
    private readonly TimeProvider timeProvider;
    private readonly RandomNumberGenerator random;

    public ChartImageSigner(byte[] key, TimeProvider timeProvider)
        : this(key, timeProvider, RandomNumberGenerator.Create())
    {
    }

    /// <summary>With the nonces drawn from <paramref name="random"/> (tests pass a fixed one for stable golden files).</summary>
    public ChartImageSigner(byte[] key, TimeProvider timeProvider, RandomNumberGenerator random)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(random);
        if (key.Length < 32)
        {
            throw new ArgumentException("The chart signing key must be at least 32 bytes.", nameof(key));
        }

        legacyKey = (byte[])key.Clone();
        encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, salt: [], info: EncryptionPurpose);
        this.timeProvider = timeProvider;
        this.random = random;
    }

    public string CreateToken(ChartSpec spec, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var json = JsonSerializer.SerializeToUtf8Bytes(spec, ChartJsonContext.Default.ChartSpec);
        var plaintext = new byte[sizeof(long) + json.Length];
        BinaryPrimitives.WriteInt64BigEndian(plaintext, timeProvider.GetUtcNow().Add(lifetime).ToUnixTimeSeconds());
        json.CopyTo(plaintext, sizeof(long));

        var token = new byte[HeaderBytes + plaintext.Length];
        token[0] = Version;
        var nonce = token.AsSpan(1, NonceBytes);
        random.GetBytes(nonce);
        using var aes = new AesGcm(encryptionKey, TagBytes);
        aes.Encrypt(nonce, plaintext, token.AsSpan(HeaderBytes), token.AsSpan(1 + NonceBytes, TagBytes), AssociatedData);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>The spec of a valid, unexpired token; <c>null</c> for anything else (tampered, expired, malformed).</summary>
    public ChartSpec? Verify(string token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        return token.Contains('.', StringComparison.Ordinal) ? VerifyLegacy(token) : Decrypt(token);
    }

    private ChartSpec? Decrypt(string token)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length < HeaderBytes + sizeof(long) || bytes[0] != Version)
        {
            return null;
        }

        var plaintext = new byte[bytes.Length - HeaderBytes];
        try
        {
            using var aes = new AesGcm(encryptionKey, TagBytes);
            aes.Decrypt(bytes.AsSpan(1, NonceBytes), bytes.AsSpan(HeaderBytes), bytes.AsSpan(1 + NonceBytes, TagBytes), plaintext, AssociatedData);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        var expires = BinaryPrimitives.ReadInt64BigEndian(plaintext);
        return timeProvider.GetUtcNow().ToUnixTimeSeconds() >= expires ? null : Deserialize(plaintext.AsSpan(sizeof(long)));
    }

    private ChartSpec? VerifyLegacy(string token)
    {
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

        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(legacyKey, Encoding.ASCII.GetBytes(signed))))
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
            return Deserialize(Base64Url.DecodeFromChars(token.AsSpan(0, firstDot)));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static ChartSpec? Deserialize(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ChartJsonContext.Default.ChartSpec);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
