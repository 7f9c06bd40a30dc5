namespace FinOps.Core.Calendar;

/// <summary>Calendar settings shared by every feature (configuration section <c>Calendar</c>).</summary>
public sealed class CalendarOptions
{
    public const string SectionName = "Calendar";

    /// <summary>First month of the fiscal year, 1 (January, the default) to 12.</summary>
    public int FiscalYearStartMonth { get; set; } = 1;
}
