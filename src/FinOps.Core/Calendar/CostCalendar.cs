using FinOps.Core.Query;

namespace FinOps.Core.Calendar;

/// <summary>Calendar arithmetic used by every feature: ISO weeks starting Monday, half-open periods, fiscal quarters.</summary>
/// <remarks>
/// Fiscal years are named by the calendar year in which they end (FY2027 starting in July 2026 when the
/// fiscal year starts in July), as most finance teams do. With a January start, fiscal = calendar.
/// </remarks>
public sealed class CostCalendar
{
    public CostCalendar(int fiscalYearStartMonth = 1)
    {
        if (fiscalYearStartMonth is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(fiscalYearStartMonth), fiscalYearStartMonth, "Calendar:FiscalYearStartMonth must be 1 to 12.");
        }

        FiscalYearStartMonth = fiscalYearStartMonth;
    }

    public static CostCalendar Default { get; } = new();

    public int FiscalYearStartMonth { get; }

    public static DateOnly StartOfWeek(DateOnly date) =>
        date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    public static DateOnly StartOfMonth(DateOnly date) => new(date.Year, date.Month, 1);

    public static DateRange Day(DateOnly date) => new(date, date.AddDays(1));

    public static DateRange Week(DateOnly date)
    {
        var start = StartOfWeek(date);
        return new DateRange(start, start.AddDays(7));
    }

    public static DateRange Month(DateOnly date)
    {
        var start = StartOfMonth(date);
        return new DateRange(start, start.AddMonths(1));
    }

    public static DateRange Month(int year, int month) => Month(new DateOnly(year, month, 1));

    public static DateRange CalendarYear(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));

    /// <summary>Start of the fiscal quarter that contains <paramref name="date"/>.</summary>
    public DateOnly StartOfQuarter(DateOnly date)
    {
        var monthsIntoYear = (date.Month - FiscalYearStartMonth + 12) % 12;
        return StartOfMonth(date).AddMonths(-(monthsIntoYear % 3));
    }

    public DateRange Quarter(DateOnly date)
    {
        var start = StartOfQuarter(date);
        return new DateRange(start, start.AddMonths(3));
    }

    public DateOnly StartOfFiscalYear(DateOnly date)
    {
        var monthsIntoYear = (date.Month - FiscalYearStartMonth + 12) % 12;
        return StartOfMonth(date).AddMonths(-monthsIntoYear);
    }

    public DateRange FiscalYear(DateOnly date)
    {
        var start = StartOfFiscalYear(date);
        return new DateRange(start, start.AddYears(1));
    }

    /// <summary>The fiscal year's name: the calendar year in which it ends.</summary>
    public int FiscalYearNumber(DateOnly date) => StartOfFiscalYear(date).AddYears(1).AddDays(-1).Year;

    /// <summary>Fiscal quarter number 1-4 of <paramref name="date"/>.</summary>
    public int QuarterNumber(DateOnly date) =>
        ((date.Month - FiscalYearStartMonth + 12) % 12 / 3) + 1;

    /// <summary>Quarter <paramref name="quarter"/> (1-4) of the fiscal year named <paramref name="fiscalYear"/>.</summary>
    public DateRange FiscalQuarter(int fiscalYear, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        var yearStart = FiscalYearStartMonth == 1
            ? new DateOnly(fiscalYear, 1, 1)
            : new DateOnly(fiscalYear - 1, FiscalYearStartMonth, 1);
        var start = yearStart.AddMonths((quarter - 1) * 3);
        return new DateRange(start, start.AddMonths(3));
    }

    /// <summary>The start of the time bucket holding <paramref name="date"/>.</summary>
    public static DateOnly BucketStart(DateOnly date, Granularity granularity) => granularity switch
    {
        Granularity.Day => date,
        Granularity.Week => StartOfWeek(date),
        Granularity.Month => StartOfMonth(date),
        _ => throw new ArgumentOutOfRangeException(nameof(granularity), granularity, null),
    };

    /// <summary>The next bucket start after <paramref name="bucketStart"/>.</summary>
    public static DateOnly NextBucket(DateOnly bucketStart, Granularity granularity) => granularity switch
    {
        Granularity.Day => bucketStart.AddDays(1),
        Granularity.Week => bucketStart.AddDays(7),
        Granularity.Month => bucketStart.AddMonths(1),
        _ => throw new ArgumentOutOfRangeException(nameof(granularity), granularity, null),
    };

    /// <summary>Every bucket start that overlaps <paramref name="range"/>, in order.</summary>
    public static IEnumerable<DateOnly> Buckets(DateRange range, Granularity granularity)
    {
        ArgumentNullException.ThrowIfNull(range);
        for (var b = BucketStart(range.Start, granularity); b < range.End; b = NextBucket(b, granularity))
        {
            yield return b;
        }
    }

    /// <summary>Today's date in UTC from the injected clock; cost data is dated in UTC.</summary>
    public static DateOnly Today(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
    }
}
