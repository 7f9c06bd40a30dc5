using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using FinOps.Storage.Data;

namespace FinOps.Storage.Metrics;

/// <summary>The watched folder of business-metrics CSVs: each scan imports the files that are new or changed.</summary>
/// <remarks>
/// A file counts as changed when its bytes differ from its last import (by SHA-256). A rejected file is logged once
/// and tried again only after it changes, so a half-written file is picked up when its writer finishes.
/// </remarks>
public sealed partial class BusinessMetricFolder
{
    private readonly BusinessMetricImporter _importer;
    private readonly ILogger<BusinessMetricFolder> _logger;
    private readonly Dictionary<string, DateTime> _rejected = new(StringComparer.Ordinal);

    public BusinessMetricFolder(BusinessMetricImporter importer, CostDatabase database, IOptions<BusinessMetricsOptions> options, ILogger<BusinessMetricFolder> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        _importer = importer;
        _logger = logger;
        Path = options.Value.ResolveFolder(database.DatabasePath);
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Imports new and changed <c>*.csv</c> files; returns what was imported or rejected (unchanged files are left out).</summary>
    public async Task<IReadOnlyList<BusinessMetricImportResult>> ScanAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Path))
        {
            return [];
        }

        var results = new List<BusinessMetricImportResult>();
        foreach (var file in Directory.EnumerateFiles(Path, "*.csv").Order(StringComparer.Ordinal))
        {
            var written = File.GetLastWriteTimeUtc(file);
            if (_rejected.TryGetValue(file, out var rejectedAt) && rejectedAt == written)
            {
                continue;
            }

            var result = await _importer.ImportFileAsync(file, cancellationToken);
            switch (result.Status)
            {
                case BusinessMetricImportStatus.Failed:
                    _rejected[file] = written;
                    results.Add(result);
                    break;
                case BusinessMetricImportStatus.Imported:
                    _rejected.Remove(file);
                    LogPickedUp(_logger, file, result.Values, result.Replaced);
                    results.Add(result);
                    break;
                default:
                    _rejected.Remove(file);
                    break;
            }
        }

        return results;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watched metrics folder: imported {File} ({Values} values, {Replaced} replaced)")]
    private static partial void LogPickedUp(ILogger logger, string file, int values, int replaced);
}
