using System.Globalization;
using System.Text;

namespace FinOps.Storage.Tests.Ingestion;

/// <summary>
/// Lays out FOCUS data exported from BigQuery to Cloud Storage as the README's GCS section describes: one folder per export run,
/// <c>&lt;prefix&gt;/&lt;YYYY-MM&gt;/&lt;run&gt;/</c>, whose parts are named as <c>EXPORT DATA</c> names a wildcard URI's files
/// (<c>focus-000000000000.csv.gz</c>, <c>focus-000000000001.csv.gz</c>, ...: Google's naming), then the <c>_SUCCESS</c> marker the
/// export job writes after the export succeeded (our convention; BigQuery writes no manifest).
/// </summary>
internal sealed class BigQueryExportWriter(string prefix, Func<string, byte[], Task> put)
{
    public const string Header = "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ProviderName,BillingAccountId,ResourceId";

    public const string BillingAccount = "012345-6789AB-CDEF01";

    /// <summary>One row per (day, resource) at <paramref name="amount"/>, for days 1..<paramref name="days"/> of the period (Google Cloud's FOCUS columns).</summary>
    public static string Rows(string period, int days, decimal amount, string resource)
    {
        var start = DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var text = new StringBuilder(Header).Append('\n');
        for (var d = 0; d < days; d++)
        {
            var day = start.AddDays(d);
            text.Append(CultureInfo.InvariantCulture, $"{start:yyyy-MM-dd}T00:00:00Z,{start.AddMonths(1):yyyy-MM-dd}T00:00:00Z,{day:yyyy-MM-dd}T00:00:00Z,{day.AddDays(1):yyyy-MM-dd}T00:00:00Z,")
                .Append(CultureInfo.InvariantCulture, $"{amount},{amount},USD,Usage,Google Cloud,{BillingAccount},{resource}\n");
        }

        return text.ToString();
    }

    /// <summary>Gzip, as <c>EXPORT DATA ... compression='GZIP'</c> writes the parts.</summary>
    public static byte[] Gzip(string text) => AwsExportWriter.Gzip(text);

    public string RunFolder(string period, string run) => $"{prefix}/{period}/{run}";

    public string PartKey(string period, string run, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{RunFolder(period, run)}/focus-{number:D12}.csv.gz");

    /// <summary>Writes the parts (already compressed, or broken on purpose), numbered from 0, then the marker; returns the marker key.</summary>
    public async Task<string> DeliverAsync(string period, string run, params byte[][] parts)
    {
        for (var i = 0; i < parts.Length; i++)
        {
            await put(PartKey(period, run, i), parts[i]);
        }

        return await CloseAsync(period, run);
    }

    /// <summary>Writes only the marker (the export job's last step).</summary>
    public async Task<string> CloseAsync(string period, string run)
    {
        var marker = RunFolder(period, run) + "/_SUCCESS";
        await put(marker, []);
        return marker;
    }
}
