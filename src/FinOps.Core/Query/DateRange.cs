using System.Globalization;

namespace FinOps.Core.Query;

/// <summary>A half-open range of dates: <see cref="Start"/> is included, <see cref="End"/> is not.</summary>
public sealed record DateRange
{
    public DateRange(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            throw new ArgumentException($"Period end {end:yyyy-MM-dd} is before its start {start:yyyy-MM-dd}.", nameof(end));
        }

        Start = start;
        End = end;
    }

    public DateOnly Start { get; }

    public DateOnly End { get; }

    public int Days => End.DayNumber - Start.DayNumber;

    public bool IsEmpty => End == Start;

    public bool Contains(DateOnly date) => date >= Start && date < End;

    /// <summary>The range of the same length that ends where this one starts.</summary>
    public DateRange Previous() => new(Start.AddDays(-Days), Start);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Start:yyyy-MM-dd}, {End:yyyy-MM-dd})");
}
