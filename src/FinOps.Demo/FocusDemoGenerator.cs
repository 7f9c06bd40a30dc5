using System.Globalization;
using System.IO.Compression;
using System.Text;
using Sylvan.Data.Csv;

namespace FinOps.Demo;

/// <summary>Writes realistic, deterministic FOCUS 1.2 cost data for <see cref="DemoOrganization.Default"/>.</summary>
/// <remarks>
/// <para>Daily rows per resource and day across AWS, Microsoft (Azure), Google Cloud and Oracle, with a weekday
/// rhythm, month-on-month growth, noise, negotiated discounts (ListCost &gt;= ContractedCost), monthly
/// savings-plan purchases (ChargeCategory Purchase, BilledCost &gt; 0, EffectiveCost 0) amortised into covered
/// usage (BilledCost 0, EffectiveCost &gt; 0, PricingCategory Committed) and daily unused commitment rows, so that
/// per commitment and month the usage EffectiveCost equals the purchase BilledCost as FOCUS requires;
/// credits (negative, EffectiveCost = BilledCost), monthly taxes, messy tags and planted <see cref="DemoAnomaly"/>s.</para>
/// <para>Currencies: every billing account bills in USD except the Azure billing account
/// <see cref="DemoOrganization.EuroBillingAccountId"/> (subscription growth-eu-prod), which bills in EUR;
/// its rows carry BillingCurrency EUR and must never be summed with USD.</para>
/// <para>Same options give byte-identical output. Rows stream through Sylvan's CSV writer one at a time.</para>
/// </remarks>
public sealed class FocusDemoGenerator
{
    private readonly DemoOrganization organization = DemoOrganization.Default;

    /// <summary>The anomalies a run with these options plants, without writing anything.</summary>
    public IReadOnlyList<DemoAnomaly> GetAnomalies(DemoDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DemoDataset(organization, options).Anomalies;
    }

    /// <summary>Writes the CSV (UTF-8, no BOM, LF line ends, header first) to <paramref name="destination"/>, left open.</summary>
    public DemoDataResult Write(Stream destination, DemoDataOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(options);
        var dataset = new DemoDataset(organization, options);
        var row = new DemoRow();
        long count;
        using (var text = new StreamWriter(destination, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        using (var reader = new DemoRowReader(row, dataset.Rows(row), cancellationToken))
        using (var csv = CsvDataWriter.Create(text, WriterOptions))
        {
            csv.Write(reader);
            count = reader.RowCount;
        }

        return new DemoDataResult(count, dataset.FirstDay, dataset.LastDay, dataset.Resources.Count, dataset.Anomalies);
    }

    /// <summary>Writes the CSV to a file, gzip-compressed when the name ends in <c>.gz</c>; replaces an existing file.</summary>
    public DemoDataResult WriteFile(string path, DemoDataOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return Write(file, options, cancellationToken);
        }

        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        return Write(gzip, options, cancellationToken);
    }

    /// <summary>Runs <see cref="WriteFile"/> off the calling thread.</summary>
    public Task<DemoDataResult> WriteFileAsync(string path, DemoDataOptions options, CancellationToken cancellationToken) =>
        Task.Run(() => WriteFile(path, options, cancellationToken), cancellationToken);

    private static readonly CsvDataWriterOptions WriterOptions = new()
    {
        Culture = CultureInfo.InvariantCulture,
        NewLine = "\n",
        WriteHeaders = true,
    };
}
