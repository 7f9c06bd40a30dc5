using System.Globalization;
using System.Text.Json;
using Sylvan.Data.Csv;

namespace FinOps.Core.Tests.Demo;

/// <summary>The generated CSV parsed with Sylvan into plain rows, independent of the product's FOCUS reader.</summary>
public sealed class DemoCsv
{
    public DemoCsv(byte[] bytes)
    {
        using var text = new StreamReader(new MemoryStream(bytes));
        using var csv = CsvDataReader.Create(text);
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
        Header = header;
        var rows = new List<Dictionary<string, string?>>();
        while (csv.Read())
        {
            var row = new Dictionary<string, string?>(header.Length, StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                var value = csv.GetString(i);
                row[header[i]] = value.Length == 0 ? null : value;
            }

            rows.Add(row);
        }

        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<Dictionary<string, string?>> Rows { get; }

    public static decimal Money(Dictionary<string, string?> row, string column) =>
        decimal.Parse(row[column]!, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static DateOnly Day(Dictionary<string, string?> row, string column = "ChargePeriodStart") =>
        DateOnly.ParseExact(row[column]![..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static IReadOnlyDictionary<string, string> TagsOf(Dictionary<string, string?> row) =>
        row["Tags"] is { } json
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(json)!
            : new Dictionary<string, string>();
}
