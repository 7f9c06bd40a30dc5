namespace FinOps.Demo;

/// <summary>Counter-based randomness: every value is a pure function of the seed and its coordinates.</summary>
/// <remarks>
/// SplitMix64 finaliser; no state, so values never depend on generation order, and only IEEE
/// additions and multiplications are used downstream so output is identical on every machine.
/// </remarks>
internal static class DemoHash
{
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Of(ulong seed, ulong a, ulong b = 0, ulong c = 0) => Mix(Mix(Mix(seed ^ a) + b) + c);

    /// <summary>A double in [0, 1).</summary>
    public static double Unit(ulong h) => (h >> 11) * (1.0 / 9007199254740992.0);

    public static int Below(ulong h, int n) => (int)((h >> 33) % (ulong)n);

    public static string Hex(ulong h, int length)
    {
        var text = h.ToString("x16", System.Globalization.CultureInfo.InvariantCulture) +
                   Mix(h).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        return text[..length];
    }

    public static Guid Guid(ulong h)
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), h);
        BitConverter.TryWriteBytes(bytes.AsSpan(8, 8), Mix(h));
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
