using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace FinOps.Storage.Tests.Ingestion;

/// <summary>
/// Lays out an AWS Data Exports (FOCUS 1.0) delivery as AWS documents it: gzip CSV parts under
/// <c>&lt;prefix&gt;/&lt;export&gt;/data/BILLING_PERIOD=YYYY-MM/</c>, and the manifest, written after the parts, at
/// <c>&lt;prefix&gt;/&lt;export&gt;/metadata/BILLING_PERIOD=YYYY-MM/&lt;export&gt;-Manifest.json</c> with <c>executionId</c>,
/// <c>billingPeriod</c> and the parts' full S3 URIs in <c>dataFiles</c>.
/// </summary>
internal sealed class AwsExportWriter(string bucket, string prefix, string exportName, Func<string, byte[], Task> put)
{
    public const string Header = "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ProviderName,BillingAccountId,ResourceId";

    /// <summary>The source prefix that points at this export.</summary>
    public string SourcePrefix => $"{prefix}/{exportName}";

    public static string ManifestKey(string prefix, string exportName, string period) =>
        $"{prefix}/{exportName}/metadata/BILLING_PERIOD={period}/{exportName}-Manifest.json";

    /// <summary>One row per (day, resource) at <paramref name="amount"/>, for days 1..<paramref name="days"/> of the period.</summary>
    public static string Rows(string period, int days, decimal amount, string resource, string account = "111122223333")
    {
        var start = DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var text = new StringBuilder(Header).Append('\n');
        for (var d = 0; d < days; d++)
        {
            var day = start.AddDays(d);
            text.Append(CultureInfo.InvariantCulture, $"{start:yyyy-MM-dd}T00:00:00Z,{start.AddMonths(1):yyyy-MM-dd}T00:00:00Z,{day:yyyy-MM-dd}T00:00:00Z,{day.AddDays(1):yyyy-MM-dd}T00:00:00Z,")
                .Append(CultureInfo.InvariantCulture, $"{amount},{amount},USD,Usage,AWS,{account},{resource}\n");
        }

        return text.ToString();
    }

    public static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    /// <summary>Writes the parts (already compressed, or broken on purpose), then the manifest naming them; returns the manifest key.</summary>
    public async Task<string> DeliverAsync(string period, string executionId, params byte[][] parts)
    {
        var dataFiles = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{prefix}/{exportName}/data/BILLING_PERIOD={period}/{exportName}-{i + 1:00000}.csv.gz");
            await put(key, parts[i]);
            dataFiles.Add($"s3://{bucket}/{key}");
        }

        var manifest = ManifestKey(prefix, exportName, period);
        await put(manifest, Manifest(period, executionId, dataFiles));
        return manifest;
    }

    /// <summary>Writes only the manifest (parts named but maybe not delivered).</summary>
    public Task PutManifestAsync(string period, string executionId, IEnumerable<string> partKeys) =>
        put(ManifestKey(prefix, exportName, period), Manifest(period, executionId, partKeys.Select(k => $"s3://{bucket}/{k}").ToList()));

    public string PartKey(string period, int part) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}/{exportName}/data/BILLING_PERIOD={period}/{exportName}-{part:00000}.csv.gz");

    private byte[] Manifest(string period, string executionId, List<string> dataFiles)
    {
        var start = DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var manifest = new
        {
            executionId,
            exportArn = $"arn:aws:bcm-data-exports:us-east-1:111122223333:export/{exportName}-0000",
            billingPeriod = new { start = $"{start:yyyy-MM-dd}T00:00:00.000Z", end = $"{start.AddMonths(1):yyyy-MM-dd}T00:00:00.000Z" },
            columns = Header.Split(',').Select(c => new { name = c, type = "string" }),
            dataFiles,
            exportName,
            compression = "GZIP",
            format = "TEXT_OR_CSV",
        };
        return JsonSerializer.SerializeToUtf8Bytes(manifest);
    }
}
