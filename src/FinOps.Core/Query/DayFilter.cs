namespace FinOps.Core.Query;

/// <summary>Which days of the week a <see cref="CostQuery"/> counts.</summary>
/// <remarks>Weekends are Saturday and Sunday, in the calendar of the charge dates (UTC days of the export).</remarks>
public enum DayFilter
{
    /// <summary>Every day.</summary>
    All,

    /// <summary>Monday to Friday.</summary>
    Weekdays,

    /// <summary>Saturday and Sunday.</summary>
    Weekends,
}
