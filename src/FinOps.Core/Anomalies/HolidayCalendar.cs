using System.Globalization;

namespace FinOps.Core.Anomalies;

/// <summary>Quiet days from <see cref="AnomalyOptions.Holidays"/>: <c>MM-dd</c> recurs every year, <c>yyyy-MM-dd</c> is one day.</summary>
public sealed class HolidayCalendar
{
    private readonly HashSet<(int Month, int Day)> _yearly = [];
    private readonly HashSet<DateOnly> _once = [];

    public HolidayCalendar(IEnumerable<string> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        foreach (var text in holidays)
        {
            if (!TryParse(text, out var holiday))
            {
                throw new FormatException($"Holiday '{text}' is not MM-dd or yyyy-MM-dd.");
            }

            if (holiday.Once is { } date)
            {
                _once.Add(date);
            }
            else
            {
                _yearly.Add((holiday.Month, holiday.Day));
            }
        }
    }

    public bool IsHoliday(DateOnly date) => _once.Contains(date) || _yearly.Contains((date.Month, date.Day));

    internal static bool TryParse(string? text, out (DateOnly? Once, int Month, int Day) holiday)
    {
        holiday = default;
        text = text?.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            holiday = (date, date.Month, date.Day);
            return true;
        }

        // A leap year so that 02-29 is accepted.
        if (DateOnly.TryParseExact("2024-" + text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            holiday = (null, date.Month, date.Day);
            return true;
        }

        return false;
    }
}
