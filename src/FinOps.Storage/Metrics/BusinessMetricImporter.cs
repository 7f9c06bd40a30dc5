using System.Security.Cryptography;
using FinOps.Core.UnitEconomics;
using FinOps.Storage.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FinOps.Storage.Metrics;

/// <summary>Imports business-metrics CSVs into the store, each file all or nothing.</summary>
/// <remarks>
/// A file is read completely (<see cref="BusinessMetricCsvReader"/>) before anything is written; then, in one
/// transaction, every stored value with the same metric, team and date as one of the file's is replaced and the
/// import is recorded with its path and SHA-256. The same bytes from the same path again are left alone.
/// </remarks>
public sealed partial class BusinessMetricImporter(CostDatabase database, TimeProvider timeProvider, ILogger<BusinessMetricImporter> logger)
{
    /// <summary>The <c>*.csv</c> files of <paramref name="paths"/> (files as given, folders' top level sorted by name).</summary>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a folder.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.csv").Order(StringComparer.Ordinal).Select(Path.GetFullPath));
            }
            else if (File.Exists(path))
            {
                files.Add(Path.GetFullPath(path));
            }
            else
            {
                throw new FileNotFoundException($"'{path}' is neither a file nor a folder.", path);
            }
        }

        return files;
    }

    public async Task<IReadOnlyList<BusinessMetricImportResult>> ImportAsync(IEnumerable<string> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var results = new List<BusinessMetricImportResult>();
        foreach (var file in files)
        {
            results.Add(await ImportFileAsync(file, cancellationToken));
        }

        return results;
    }

    public async Task<BusinessMetricImportResult> ImportFileAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Path.GetFullPath(path);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(file, $"{file}: the file cannot be read: {e.Message}");
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var previous = await context.BusinessMetricImports.Where(i => i.SourceFile == file).OrderByDescending(i => i.Id).FirstOrDefaultAsync(cancellationToken);
        if (previous is not null && previous.Sha256 == sha)
        {
            return new BusinessMetricImportResult(file, BusinessMetricImportStatus.Unchanged, previous.Values, 0, [], null, null, null);
        }

        IReadOnlyList<BusinessMetricValue> values;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            values = BusinessMetricCsvReader.Read(file, stream);
        }
        catch (BusinessMetricFormatException e)
        {
            return Failed(file, e.Message);
        }

        var first = values.Min(v => v.Date);
        var last = values.Max(v => v.Date);
        var metrics = values.Select(v => v.Metric).Distinct().Order(StringComparer.Ordinal).ToArray();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var keys = values.Select(v => (v.Metric, v.Team, v.Date)).ToHashSet();
        var replaced = (await context.BusinessMetrics
                .Where(m => metrics.Contains(m.Metric) && m.Date >= first && m.Date <= last)
                .ToListAsync(cancellationToken))
            .Where(m => keys.Contains((m.Metric, m.Team, m.Date)))
            .ToList();
        context.BusinessMetrics.RemoveRange(replaced);
        var import = new BusinessMetricImportEntity
        {
            SourceFile = file,
            Sha256 = sha,
            ImportedAt = timeProvider.GetUtcNow(),
            Values = values.Count,
            Replaced = replaced.Count,
        };
        context.BusinessMetricImports.Add(import);
        await context.SaveChangesAsync(cancellationToken);
        context.BusinessMetrics.AddRange(values.Select(v => new BusinessMetricEntity { Date = v.Date, Metric = v.Metric, Team = v.Team, Value = v.Value, ImportId = import.Id }));
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogImported(logger, file, values.Count, replaced.Count);
        return new BusinessMetricImportResult(file, BusinessMetricImportStatus.Imported, values.Count, replaced.Count, metrics, first, last, null);
    }

    private BusinessMetricImportResult Failed(string file, string error)
    {
        LogFailed(logger, error);
        return BusinessMetricImportResult.Failure(file, error);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Business metrics imported from {File}: {Values} values, {Replaced} earlier values replaced")]
    private static partial void LogImported(ILogger logger, string file, int values, int replaced);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Business metrics file rejected, nothing stored: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
