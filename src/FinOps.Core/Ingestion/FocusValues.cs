using System.Globalization;
using System.Runtime.CompilerServices;

namespace FinOps.Core.Ingestion;

/// <summary>Culture-invariant parsing of FOCUS cell text from spans, with fast paths for the common layouts.</summary>
internal static class FocusValues
{
    private const long MantissaLimit = (long.MaxValue - 9) / 10;

    /// <summary>Empty, white space and the token NULL (any case) mean "no value".</summary>
    public static bool IsNull(ReadOnlySpan<char> text)
    {
        var trimmed = text.Trim();
        return trimmed.IsEmpty || trimmed.Equals("NULL", StringComparison.OrdinalIgnoreCase);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value)
    {
        return TryParsePlainDecimal(text, out value)
            || decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses a timestamp to UTC: date only, "YYYY-MM-DD HH:MM:SS" or ISO 8601, fractions and offsets allowed.</summary>
    /// <remarks>Values without an offset are taken as UTC, which is what FOCUS requires of its date/time columns.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseTimestamp(ReadOnlySpan<char> text, out DateTime value)
    {
        var s = text.Trim();
        if (TryParseIsoFast(s, out value))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            value = parsed.UtcDateTime;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>[sign] digits [. digits] with at most 18 significant digits: exact, and the same scale decimal.Parse keeps.</summary>
    private static bool TryParsePlainDecimal(ReadOnlySpan<char> s, out decimal value)
    {
        value = default;
        if (s.IsEmpty)
        {
            return false;
        }

        var i = 0;
        var negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            i = 1;
        }

        long mantissa = 0;
        byte scale = 0;
        var digits = 0;
        var seenPoint = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c is >= '0' and <= '9')
            {
                if (mantissa > MantissaLimit || scale >= 28)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + (c - '0');
                digits++;
                if (seenPoint)
                {
                    scale++;
                }
            }
            else if (c == '.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        value = new decimal((int)(mantissa & 0xFFFFFFFF), (int)(mantissa >> 32), 0, negative, scale);
        return true;
    }

    private static bool TryParseIsoFast(ReadOnlySpan<char> s, out DateTime value)
    {
        value = default;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-'
            || !TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month) || !TryDigits(s.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (s.Length == 10)
        {
            value = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
            return true;
        }

        if (s.Length < 19 || s[10] is not ('T' or ' ') || s[13] != ':' || s[16] != ':'
            || !TryDigits(s.Slice(11, 2), out var hour) || !TryDigits(s.Slice(14, 2), out var minute) || !TryDigits(s.Slice(17, 2), out var second)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks;
        var rest = s[19..];
        if (!rest.IsEmpty && rest[0] == '.')
        {
            var n = 1;
            long fraction = 0;
            var fractionDigits = 0;
            while (n < rest.Length && rest[n] is >= '0' and <= '9')
            {
                if (fractionDigits < 7)
                {
                    fraction = (fraction * 10) + (rest[n] - '0');
                    fractionDigits++;
                }

                n++;
            }

            if (n == 1)
            {
                return false;
            }

            for (var pad = fractionDigits; pad < 7; pad++)
            {
                fraction *= 10;
            }

            ticks += fraction;
            rest = rest[n..];
        }

        if (rest.IsEmpty || rest.SequenceEqual("Z") || rest.SequenceEqual("z"))
        {
            value = new DateTime(ticks, DateTimeKind.Utc);
            return true;
        }

        if (rest[0] is '+' or '-')
        {
            var sign = rest[0] == '-' ? -1 : 1;
            if (!TryParseOffset(rest[1..], out var offsetHours, out var offsetMinutes))
            {
                return false;
            }

            if (offsetHours > 14 || offsetMinutes > 59)
            {
                return false;
            }

            // Local time minus its offset is UTC.
            ticks -= sign * ((offsetHours * TimeSpan.TicksPerHour) + (offsetMinutes * TimeSpan.TicksPerMinute));
            if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            {
                return false;
            }

            value = new DateTime(ticks, DateTimeKind.Utc);
            return true;
        }

        return false;
    }

    private static bool TryParseOffset(ReadOnlySpan<char> s, out int hours, out int minutes)
    {
        minutes = 0;
        hours = 0;
        if (s.Length == 2)
        {
            return TryDigits(s, out hours);
        }

        if (s.Length == 4)
        {
            return TryDigits(s[..2], out hours) && TryDigits(s[2..], out minutes);
        }

        return s.Length == 5 && s[2] == ':' && TryDigits(s[..2], out hours) && TryDigits(s[3..], out minutes);
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
