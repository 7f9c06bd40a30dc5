using FinOps.Core.Calendar;
using FinOps.Core.Query;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Core.Tests.Calendar;

public sealed class CostCalendarTests
{
    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-11-23", "2026-11-23")] // Monday
    [InlineData("2026-11-29", "2026-11-23")] // Sunday belongs to the week that started Monday
    [InlineData("2026-11-22", "2026-11-16")]
    [InlineData("2027-01-01", "2026-12-28")] // ISO week across the year boundary
    public void StartOfWeek_AnyDay_IsThePreviousOrSameMonday(string day, string monday)
    {
        Assert.Equal(D(monday), CostCalendar.StartOfWeek(D(day)));
        Assert.Equal(new DateRange(D(monday), D(monday).AddDays(7)), CostCalendar.Week(D(day)));
    }

    [Fact]
    public void Month_February_IsHalfOpenToMarchFirst()
    {
        var february = CostCalendar.Month(D("2028-02-15"));
        Assert.Equal(D("2028-02-01"), february.Start);
        Assert.Equal(D("2028-03-01"), february.End);
        Assert.Equal(29, february.Days);
        Assert.False(february.Contains(D("2028-03-01")));
    }

    [Theory]
    [InlineData(1, "2026-11-23", "2026-10-01", 4, 2026)]
    [InlineData(1, "2026-01-01", "2026-01-01", 1, 2026)]
    [InlineData(7, "2026-11-23", "2026-10-01", 2, 2027)] // July fiscal year: Oct-Dec is Q2 of FY2027
    [InlineData(7, "2026-07-01", "2026-07-01", 1, 2027)]
    [InlineData(7, "2026-06-30", "2026-04-01", 4, 2026)]
    [InlineData(4, "2026-03-31", "2026-01-01", 4, 2026)] // April fiscal year (UK/Japan): Jan-Mar is Q4
    public void Quarter_WithFiscalYearStart_FollowsFiscalYear(int startMonth, string day, string quarterStart, int quarter, int fiscalYear)
    {
        var calendar = new CostCalendar(startMonth);
        Assert.Equal(new DateRange(D(quarterStart), D(quarterStart).AddMonths(3)), calendar.Quarter(D(day)));
        Assert.Equal(quarter, calendar.QuarterNumber(D(day)));
        Assert.Equal(fiscalYear, calendar.FiscalYearNumber(D(day)));
        Assert.Equal(calendar.Quarter(D(day)), calendar.FiscalQuarter(fiscalYear, quarter));
    }

    [Fact]
    public void FiscalYear_JulyStart_RunsJulyToJune()
    {
        var year = new CostCalendar(7).FiscalYear(D("2027-02-10"));
        Assert.Equal(new DateRange(D("2026-07-01"), D("2027-07-01")), year);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void Constructor_InvalidMonth_Throws(int month)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CostCalendar(month));
    }

    [Fact]
    public void Buckets_WeeklyOverAMonth_StartOnMondaysAndCoverTheRange()
    {
        var buckets = CostCalendar.Buckets(CostCalendar.Month(2026, 11), Granularity.Week).ToList();
        Assert.Equal([D("2026-10-26"), D("2026-11-02"), D("2026-11-09"), D("2026-11-16"), D("2026-11-23"), D("2026-11-30")], buckets);
    }

    [Fact]
    public void Buckets_Monthly_StepByCalendarMonth()
    {
        var buckets = CostCalendar.Buckets(new DateRange(D("2026-01-31"), D("2026-04-01")), Granularity.Month).ToList();
        Assert.Equal([D("2026-01-01"), D("2026-02-01"), D("2026-03-01")], buckets);
    }

    [Fact]
    public void Today_ComesFromTheInjectedClockInUtc()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.FromHours(-5)));
        Assert.Equal(D("2026-11-24"), CostCalendar.Today(clock));
    }

    [Fact]
    public void DateRange_EndBeforeStart_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DateRange(D("2026-11-02"), D("2026-11-01")));
    }

    [Fact]
    public void DateRange_Previous_IsTheSameLengthJustBefore()
    {
        var week = new DateRange(D("2026-11-16"), D("2026-11-23"));
        Assert.Equal(new DateRange(D("2026-11-09"), D("2026-11-16")), week.Previous());
    }
}
