using System.Globalization;
using FinOps.Core.Query;

namespace FinOps.Storage.Costs;

/// <summary>A billing slice whose stored facts cannot be loaded; questions whose period overlaps <see cref="Dates"/> get an error naming it.</summary>
/// <param name="Provider">Provider of the slice.</param>
/// <param name="BillingAccountId">Billing account id of the slice (empty when the export had none).</param>
/// <param name="BillingPeriodStart">Start of the slice's billing period.</param>
/// <param name="Dates">The charge dates the slice covers (its billing month).</param>
/// <param name="Problem">What is wrong, naming the segment.</param>
public sealed record DamagedSlice(string Provider, string BillingAccountId, DateOnly BillingPeriodStart, DateRange Dates, string Problem)
{
    /// <summary>E.g. <c>AWS billing account 111, billing period 2026-01</c>.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Provider} billing account {(BillingAccountId.Length == 0 ? "(none)" : BillingAccountId)}, billing period {BillingPeriodStart:yyyy-MM}");
}
