namespace FinOps.Core.Query;

/// <summary>A question touches stored cost data that cannot be read; the message names the data and how to repair it.</summary>
/// <remarks>
/// Thrown for the questions whose period overlaps a damaged billing slice (a segment that fails to decode, dates
/// no build should have written, amounts whose sums would overflow <see cref="decimal"/>); every other question is
/// answered as usual. The message is meant for the person asking.
/// </remarks>
public sealed class CostDataUnavailableException : Exception
{
    public CostDataUnavailableException()
    {
    }

    public CostDataUnavailableException(string message)
        : base(message)
    {
    }

    public CostDataUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
