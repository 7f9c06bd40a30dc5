using System.Text.Json;

namespace FinOps.Storage.Tests.Ingestion;

/// <summary>
/// Lays out an Azure Cost Management FOCUS export run as Microsoft documents it: parts
/// <c>&lt;root&gt;/&lt;export&gt;/&lt;YYYYMMDD-YYYYMMDD&gt;/&lt;runId&gt;/part_N_0001.csv.gz</c>, then the run's <c>manifest.json</c>
/// beside them (<c>runInfo.runId</c>, <c>blobs[].blobName</c> with byte and row counts).
/// </summary>
internal sealed class AzureExportWriter(string root, string exportName, Func<string, byte[], Task> put)
{
    /// <summary>The source prefix that points at this export.</summary>
    public string SourcePrefix => $"{root}/{exportName}";

    public string PartKey(string period, string runId, int part) => $"{root}/{exportName}/{Range(period)}/{runId}/part_{part}_0001.csv.gz";

    public async Task DeliverAsync(string period, string runId, params byte[][] parts)
    {
        var blobs = new List<object>();
        for (var i = 0; i < parts.Length; i++)
        {
            var key = PartKey(period, runId, i);
            await put(key, parts[i]);
            blobs.Add(new { blobName = key, byteCount = parts[i].Length, dataRowCount = 0 });
        }

        var start = DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var manifest = new
        {
            manifestVersion = "2024-04-01",
            byteCount = parts.Sum(p => (long)p.Length),
            blobCount = parts.Length,
            dataRowCount = 0,
            exportConfig = new { exportName, resourceId = "/providers/Microsoft.Billing/billingAccounts/1234", dataVersion = "1.0r2", apiVersion = "2023-07-01-preview", type = "FocusCost", timeFrame = "MonthToDate", granularity = "Daily" },
            deliveryConfig = new { partitionData = true, dataOverwriteBehavior = "CreateNewReport", fileFormat = "Csv", compressionMode = "gzip", rootFolderPath = root },
            runInfo = new { executionType = "Scheduled", submittedTime = "2026-01-04T03:00:00Z", runId, startDate = $"{start:yyyy-MM-dd}T00:00:00", endDate = $"{start.AddMonths(1).AddDays(-1):yyyy-MM-dd}T00:00:00" },
            blobs,
        };
        await put($"{root}/{exportName}/{Range(period)}/{runId}/manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest));
    }

    private static string Range(string period)
    {
        var start = DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return $"{start:yyyyMMdd}-{start.AddMonths(1).AddDays(-1):yyyyMMdd}";
    }
}
