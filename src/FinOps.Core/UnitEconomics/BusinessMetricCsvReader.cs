using System.Globalization;
using System.Text;
using Sylvan.Data.Csv;

namespace FinOps.Core.UnitEconomics;

/// <summary>Reads a business-metrics CSV (<c>date,metric,value[,team]</c>) with Sylvan.Data.Csv, all of it or nothing.</summary>
/// <remarks>
/// Header names are case-insensitive and may come in any order; <c>team</c> is optional (empty means company-wide).
/// Dates are ISO (<c>yyyy-MM-dd</c>), values are decimals with a <c>.</c> point and no exponent, never negative.
/// Several metrics may share a file; the same metric, team and date twice is an error naming both lines.
/// Line numbers are physical lines, header = 1; blank lines are skipped.
/// </remarks>
public static class BusinessMetricCsvReader
{
    public const string DateColumn = "date";
    public const string MetricColumn = "metric";
    public const string ValueColumn = "value";
    public const string TeamColumn = "team";

    private static readonly string[] Known = [DateColumn, MetricColumn, ValueColumn, TeamColumn];

    /// <summary>Reads <paramref name="path"/>; throws <see cref="BusinessMetricFormatException"/> at the first problem.</summary>
    public static IReadOnlyList<BusinessMetricValue> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return Read(path, stream);
    }

    /// <summary>Reads a metrics CSV from <paramref name="stream"/>; <paramref name="file"/> names it in errors.</summary>
    public static IReadOnlyList<BusinessMetricValue> Read(string file, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(stream);
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var options = new CsvDataReaderOptions { HasHeaders = true, Comment = '\0' };
        try
        {
            using var csv = CsvDataReader.Create(text, options);
            var ordinals = Header(file, csv);
            var values = new List<BusinessMetricValue>();
            var seen = new Dictionary<(string, string?, DateOnly), long>();
            long next = 2;
            while (csv.Read())
            {
                var raw = csv.GetRawRecordSpan();
                var line = next;
                var breaks = raw.Count('\n');
                next += breaks > 0 ? breaks : Math.Max(1, raw.Count('\r'));
                if (raw.Trim("\r\n \t").IsEmpty)
                {
                    continue;
                }

                if (csv.RowFieldCount != csv.FieldCount)
                {
                    throw new BusinessMetricFormatException(file, line, null, $"the line has {csv.RowFieldCount} fields but the header has {csv.FieldCount}.");
                }

                var value = Row(file, line, csv, ordinals);
                if (seen.TryGetValue((value.Metric, value.Team, value.Date), out var first))
                {
                    throw new BusinessMetricFormatException(file, line, null,
                        string.Create(CultureInfo.InvariantCulture, $"'{value.Metric}' for {(value.Team is null ? "the whole company" : "team " + value.Team)} on {value.Date:yyyy-MM-dd} is already on line {first}; a file may give each metric, team and date once."));
                }

                seen[(value.Metric, value.Team, value.Date)] = line;
                values.Add(value);
            }

            if (values.Count == 0)
            {
                throw new BusinessMetricFormatException(file, null, null, "the file has a header but no values.");
            }

            return values;
        }
        catch (Exception e) when (e is CsvFormatException or DecoderFallbackException or InvalidDataException)
        {
            throw new BusinessMetricFormatException(file, null, null, "the file cannot be read as UTF-8 CSV: " + e.Message, e);
        }
    }

    private static Dictionary<string, int> Header(string file, CsvDataReader csv)
    {
        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < csv.FieldCount; i++)
        {
            var name = csv.GetName(i).Trim().ToLowerInvariant();
            if (!Known.Contains(name))
            {
                throw new BusinessMetricFormatException(file, 1, csv.GetName(i),
                    "unknown column; a business-metrics file has the columns date, metric, value and optionally team.");
            }

            if (!ordinals.TryAdd(name, i))
            {
                throw new BusinessMetricFormatException(file, 1, csv.GetName(i), "the column appears twice.");
            }
        }

        foreach (var required in new[] { DateColumn, MetricColumn, ValueColumn })
        {
            if (!ordinals.ContainsKey(required))
            {
                throw new BusinessMetricFormatException(file, 1, required, "the header has no such column; a business-metrics file has the columns date, metric, value and optionally team.");
            }
        }

        return ordinals;
    }

    private static BusinessMetricValue Row(string file, long line, CsvDataReader csv, Dictionary<string, int> ordinals)
    {
        var dateText = csv.GetString(ordinals[DateColumn]).Trim();
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new BusinessMetricFormatException(file, line, DateColumn, $"'{dateText}' is not an ISO date (yyyy-MM-dd).");
        }

        var metricText = csv.GetString(ordinals[MetricColumn]);
        var metric = BusinessMetricNames.Normalize(metricText)
            ?? throw new BusinessMetricFormatException(file, line, MetricColumn, $"'{metricText}' is not a metric name (letters, digits, spaces, '-' or '_').");

        var valueText = csv.GetString(ordinals[ValueColumn]).Trim();
        if (!decimal.TryParse(valueText, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new BusinessMetricFormatException(file, line, ValueColumn, $"'{valueText}' is not a decimal number (digits with an optional '.', no thousands separators).");
        }

        if (value < 0)
        {
            throw new BusinessMetricFormatException(file, line, ValueColumn, $"{valueText} is negative; a business metric counts something and cannot be below zero.");
        }

        string? team = null;
        if (ordinals.TryGetValue(TeamColumn, out var teamOrdinal) && csv.GetString(teamOrdinal).Trim() is { Length: > 0 } teamText)
        {
            team = teamText.ToLowerInvariant();
        }

        return new BusinessMetricValue(date, metric, team, value);
    }
}
