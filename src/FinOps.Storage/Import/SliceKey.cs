using System.Globalization;

namespace FinOps.Storage.Import;

/// <summary>A billing slice by its values (ids do not outlive a rolled-back run): provider, billing account id (empty when none), period start.</summary>
internal sealed record SliceKey(string Provider, string BillingAccountId, DateOnly BillingPeriodStart)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Provider} billing account {(BillingAccountId.Length == 0 ? "(none)" : BillingAccountId)}, billing period {BillingPeriodStart:yyyy-MM}");
}
