using FinOps.Core.Focus;
using FinOps.Core.Ingestion;

namespace FinOps.Storage.Tests;

/// <summary>Serves hand-written records per path; can fail at a given row like a real reader meeting a bad value.</summary>
internal sealed class FakeFocusFileReader : IFocusFileReader
{
    private readonly Dictionary<string, (IReadOnlyList<FocusRecord> Records, int? FailAt)> _files = new(StringComparer.Ordinal);

    public void Serve(string path, IReadOnlyList<FocusRecord> records, int? failAt = null) =>
        _files[Path.GetFullPath(path)] = (records, failAt);

    public IEnumerable<FocusRecord> Read(string path, CancellationToken cancellationToken)
    {
        var (records, failAt) = _files[path];
        for (var i = 0; i < records.Count; i++)
        {
            if (i == failAt)
            {
                throw new FocusFormatException(path, i + 2, "BilledCost", "'abc' is not a number");
            }

            yield return records[i];
        }
    }

    public static FocusRecord Row(
        string date,
        decimal effective,
        string provider = "AWS",
        string billingAccount = "111",
        string period = "2026-01-01",
        string service = "EC2",
        string currency = "USD",
        decimal? billed = null,
        string? resourceId = "i-1",
        string? resourceName = null,
        int hour = 0,
        Dictionary<string, string>? tags = null,
        string chargeCategory = "Usage")
    {
        var start = DateTime.Parse(date, System.Globalization.CultureInfo.InvariantCulture).AddHours(hour);
        var periodStart = DateTime.Parse(period, System.Globalization.CultureInfo.InvariantCulture);
        return new FocusRecord
        {
            ChargePeriodStart = start,
            ChargePeriodEnd = start.AddHours(1),
            BillingPeriodStart = periodStart,
            BillingPeriodEnd = periodStart.AddMonths(1),
            Provider = provider,
            BillingAccountId = billingAccount,
            BillingAccountName = "Acme " + billingAccount,
            SubAccountId = "sub-" + billingAccount,
            ServiceName = service,
            ServiceCategory = "Compute",
            RegionId = "us-east-1",
            ResourceId = resourceId,
            ResourceName = resourceName,
            ChargeCategory = chargeCategory,
            PricingCategory = "Standard",
            BilledCost = billed ?? effective,
            EffectiveCost = effective,
            ListCost = effective,
            ContractedCost = effective,
            BillingCurrency = currency,
            Tags = tags ?? new Dictionary<string, string>(),
        };
    }
}
