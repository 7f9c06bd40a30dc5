using System.Globalization;
using System.Text;
using FinOps.Core.Focus;
using FinOps.Core.Ingestion;

namespace FinOps.Core.Tests.Ingestion;

/// <summary>
/// The CSV reader keeps the previous row's parsed value when a cell's text is unchanged and stops pooling strings of
/// columns that hardly repeat: every row must still come out exactly as its own cells say.
/// </summary>
public sealed class CsvCellReuseTests : IDisposable
{
    private const string Header =
        "ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargeCategory,ProviderName,ResourceId,Tags,x_Team,x_Env";

    private const string LongTagsA = "\"{\"\"team\"\":\"\"payments\"\",\"\"cost-center\"\":\"\"cc-000001\"\",\"\"owner\"\":\"\"someone@example.com\"\"}\"";
    private const string LongTagsB = "\"{\"\"team\"\":\"\"payments\"\",\"\"cost-center\"\":\"\"cc-000002\"\",\"\"owner\"\":\"\"someone@example.com\"\"}\"";

    private readonly TempFolder _folder = new();
    private readonly FocusFileReader _reader = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Read_CellsRepeatThenChange_EveryRowHasItsOwnValues()
    {
        (string Csv, Expected Expected)[] rows =
        [
            ("2026-01-10 00:00:00,2026-01-10 01:00:00,1.25,1.00,2,USD,Usage,AWS,i-1,\"{\"\"team\"\":\"\"a\"\"}\",alpha,prod",
                new(At(2026, 1, 10, 0), At(2026, 1, 10, 1), 1.25m, 1.00m, 2m, "i-1", "a", "alpha", "prod")),
            // Every cell as above.
            ("2026-01-10 00:00:00,2026-01-10 01:00:00,1.25,1.00,2,USD,Usage,AWS,i-1,\"{\"\"team\"\":\"\"a\"\"}\",alpha,prod",
                new(At(2026, 1, 10, 0), At(2026, 1, 10, 1), 1.25m, 1.00m, 2m, "i-1", "a", "alpha", "prod")),
            // Empty and NULL cells after values: the defaults, not the previous row's values.
            ("2026-01-10 00:00:00,NULL,1.25,1.25,NULL,USD,Usage,AWS,,,NULL,prod",
                new(At(2026, 1, 10, 0), At(2026, 1, 11, 0), 1.25m, 1.25m, 0m, null, null, null, "prod")),
            // The same empty and NULL cells again.
            ("2026-01-10 00:00:00,NULL,1.25,1.25,NULL,USD,Usage,AWS,,,NULL,prod",
                new(At(2026, 1, 10, 0), At(2026, 1, 11, 0), 1.25m, 1.25m, 0m, null, null, null, "prod")),
            // Back to values.
            ("2026-01-10 00:00:00,2026-01-10 01:00:00,1.25,1.00,2,USD,Usage,AWS,i-1,\"{\"\"team\"\":\"\"a\"\"}\",alpha,prod",
                new(At(2026, 1, 10, 0), At(2026, 1, 10, 1), 1.25m, 1.00m, 2m, "i-1", "a", "alpha", "prod")),
            // Each kind changes while others stay.
            ("2026-01-10 01:00:00,2026-01-10 02:00:00,1.250,-0.5,2,USD,Usage,AWS,i-2,\"{\"\"team\"\":\"\"b\"\"}\",beta,prod",
                new(At(2026, 1, 10, 1), At(2026, 1, 10, 2), 1.25m, -0.5m, 2m, "i-2", "b", "beta", "prod")),
            ("2026-01-10 01:00:00,2026-01-10 02:00:00,1.250,-0.5,2,USD,Usage,AWS,i-2,NULL,beta,",
                new(At(2026, 1, 10, 1), At(2026, 1, 10, 2), 1.25m, -0.5m, 2m, "i-2", null, "beta", null)),
            ("2026-01-10 01:00:00,2026-01-10 02:00:00,1.250,-0.5,2,USD,Usage,AWS,NULL,{},beta,NULL",
                new(At(2026, 1, 10, 1), At(2026, 1, 10, 2), 1.25m, -0.5m, 2m, null, null, "beta", null)),
            ("2026-01-10T01:00:00+01:00,2026-01-10 02:00:00,7,7,7,USD,Usage,AWS,i-2,\"{\"\"team\"\":\"\"b\"\"}\",Beta,prod",
                new(At(2026, 1, 10, 0), At(2026, 1, 10, 2), 7m, 7m, 7m, "i-2", "b", "Beta", "prod")),
            // Cells longer than the remembered buffer, equal in length but for the last characters.
            ($"2026-01-10 00:00:00,2026-01-10 01:00:00,123456789012345.1234567890123,1,0,USD,Usage,AWS,i-1,{LongTagsA},alpha,prod",
                new(At(2026, 1, 10, 0), At(2026, 1, 10, 1), 123456789012345.1234567890123m, 1m, 0m, "i-1", "payments", "alpha", "prod", "cc-000001")),
            ($"2026-01-10 00:00:00,2026-01-10 01:00:00,123456789012345.1234567890122,1,0,USD,Usage,AWS,i-1,{LongTagsB},alpha,prod",
                new(At(2026, 1, 10, 0), At(2026, 1, 10, 1), 123456789012345.1234567890122m, 1m, 0m, "i-1", "payments", "alpha", "prod", "cc-000002")),
            ($"2026-01-10 00:00:00,2026-01-10 01:00:00,123456789012345.1234567890122,1,0,USD,Usage,AWS,i-1,{LongTagsB},alpha,prod",
                new(At(2026, 1, 10, 0), At(2026, 1, 10, 1), 123456789012345.1234567890122m, 1m, 0m, "i-1", "payments", "alpha", "prod", "cc-000002")),
        ];
        var file = _folder.Write("runs.csv", FocusCsv.Lines([Header, .. rows.Select(r => r.Csv)]));

        var records = _reader.Read(file, CancellationToken.None).ToList();

        Assert.Equal(rows.Length, records.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            var expected = rows[i].Expected;
            var r = records[i];
            var row = $"row {i + 1}";
            Assert.True(expected.Start == r.ChargePeriodStart, $"{row}: start {r.ChargePeriodStart:O}");
            Assert.True(expected.End == r.ChargePeriodEnd, $"{row}: end {r.ChargePeriodEnd:O}");
            Assert.True(expected.Billed == r.BilledCost, $"{row}: billed {r.BilledCost}");
            Assert.True(expected.Effective == r.EffectiveCost, $"{row}: effective {r.EffectiveCost}");
            Assert.True(expected.List == r.ListCost, $"{row}: list {r.ListCost}");
            Assert.True(expected.ResourceId == r.ResourceId, $"{row}: resource {r.ResourceId}");
            Assert.True(expected.Team == r.Tags.GetValueOrDefault("team"), $"{row}: team tag");
            Assert.True(expected.CostCenter == r.Tags.GetValueOrDefault("cost-center"), $"{row}: cost-center tag");
            Assert.True((expected.Team is null) == (r.Tags.Count == 0), $"{row}: {r.Tags.Count} tags");
            Assert.True(expected.XTeam == r.Extensions["x_Team"], $"{row}: x_Team {r.Extensions["x_Team"]}");
            Assert.True(expected.XEnv == r.Extensions["x_Env"], $"{row}: x_Env {r.Extensions["x_Env"]}");
            Assert.Equal(i + 2, r.SourceLine);
        }

        // The scale written is the scale kept, even when the value equals the previous row's.
        Assert.Equal("1.25", records[4].BilledCost.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("1.250", records[5].BilledCost.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Read_ColumnWithMoreDistinctValuesThanThePoolTrial_KeepsEveryRowsString()
    {
        // The pool's trial is 65,536 lookups: the unique descriptions outlast it.
        const int rows = 70_000;
        var csv = new StringBuilder(FocusCsv.MinimalHeader + ",ChargeDescription,ServiceName,SkuId\n");
        var expected = new List<(string? Description, string Service, string Sku)>();
        for (var i = 0; i < rows; i++)
        {
            // Unique descriptions, then (after the pool gave up on the column) a few repeating ones and NULLs.
            string? description = i < 66_000 ? $"Usage of thing {i:D5} in zone {i % 7}" : (i % 3) switch { 0 => "A", 1 => "B", _ => null };
            var service = (i % 3) switch { 0 => "EC2", 1 => "S3", _ => "Lambda" };
            // Mostly repeating: stays pooled; a unique value every 20 rows.
            var sku = i % 20 == 0 ? $"sku-{i}" : $"sku-common-{i % 4}";
            expected.Add((description, service, sku));
            csv.Append(CultureInfo.InvariantCulture, $"{FocusCsv.MinimalRow},{description ?? "NULL"},{service},{sku}\n");
        }

        var file = _folder.Write("descriptions.csv", csv.ToString());

        var records = _reader.Read(file, CancellationToken.None).ToList();

        Assert.Equal(rows, records.Count);
        Assert.Equal(expected, records.Select(r => (r.ChargeDescription, r.ServiceName!, r.SkuId!)));
    }

    [Theory]
    [InlineData("BilledCost", "1.5", "abc", "not a number")]
    [InlineData("ChargePeriodStart", "2026-01-10 00:00:00", "2026-13-45", "not a date")]
    [InlineData("ListCost", "NULL", "1,5", "not a number")]
    [InlineData("ChargePeriodEnd", "", "tomorrow", "not a date")]
    public void Read_BadValueAfterEqualGoodRows_FailsAtItsLineAndColumn(string column, string good, string bad, string problem)
    {
        var header = "ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargeCategory,ProviderName";
        var names = header.Split(',');
        string[] template = ["2026-01-10 00:00:00", "2026-01-10 01:00:00", "1.5", "1.5", "2", "USD", "Usage", "AWS"];
        var at = Array.IndexOf(names, column);

        string Line(string cell)
        {
            var cells = (string[])template.Clone();
            cells[at] = cell.Contains(',', StringComparison.Ordinal) ? $"\"{cell}\"" : cell;
            return string.Join(',', cells);
        }

        const int goodRows = 9;
        var file = _folder.Write("bad.csv", FocusCsv.Lines([header, .. Enumerable.Repeat(Line(good), goodRows), Line(bad), Line(good)]));
        var read = 0;

        var e = Assert.Throws<FocusFormatException>(() =>
        {
            foreach (var record in _reader.Read(file, CancellationToken.None))
            {
                read++;
            }
        });

        Assert.Equal(goodRows, read);
        Assert.Equal(goodRows + 2, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadTagsAfterEqualGoodRows_FailsAtItsLineAndColumn()
    {
        const string good = "\"{\"\"team\"\":\"\"a\"\"}\"";
        var lines = Enumerable.Repeat($"{FocusCsv.MinimalRow},{good}", 5).Append($"{FocusCsv.MinimalRow},\"{{\"\"team\"\":\"\"a\"\"\"");
        var file = _folder.Write("tags.csv", FocusCsv.Lines([FocusCsv.MinimalHeader + ",Tags", .. lines]));
        var read = 0;

        var e = Assert.Throws<FocusFormatException>(() =>
        {
            foreach (var record in _reader.Read(file, CancellationToken.None))
            {
                Assert.Equal("a", record.Tags["team"]);
                read++;
            }
        });

        Assert.Equal(5, read);
        Assert.Equal(7, e.Line);
        Assert.Equal("Tags", e.Column);
    }

    [Fact]
    public void Read_ResourcesInTurnsWhoseCellsChangeBetweenTurns_EveryRowHasItsOwnValues()
    {
        // Hourly exports list every resource of an hour, then the next hour: a row's cells are compared with what the same
        // resource had on its last row. Long ARM ids and many tag keys, values that change for one resource only, in one
        // column only, back and forth, to NULL and back, and tag JSON equal but for its last characters.
        string Id(int resource) => $"/subscriptions/0000000{resource}-aaaa-bbbb-cccc-dddddddddddd/resourceGroups/MC_rg-platform-prod-westeurope_aks-platform-prod-westeurope-01_westeurope/providers/Microsoft.Compute/virtualMachineScaleSets/aks-nodepool{resource}-12345678-vmss";
        string Tags(int resource, int version) =>
            "\"{" + string.Join(", ", Enumerable.Range(0, 30).Select(k => $"\"\"key-{k:D2}\"\": \"\"value-{resource}-{k:D2}\"\"")) + $", \"\"version\"\": \"\"v{version}\"\"" + "}\"";
        var header = "ChargePeriodStart,BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ProviderName,ResourceId,ServiceName,RegionId,SubAccountName,Tags";
        var lines = new List<string> { header };
        var expected = new List<(string Id, string? Service, string? Region, string Account, string? Version, decimal Billed)>();
        for (var hour = 0; hour < 6; hour++)
        {
            for (var resource = 1; resource <= 3; resource++)
            {
                // Resource 2 moves region in hour 2 and back in hour 4; resource 3 loses its service name in hour 3 only;
                // resource 1's tags change version in hours 1 and 4, and it has no tags at all in hour 5.
                var region = resource == 2 && hour is 2 or 3 ? "northeurope" : "westeurope";
                var service = resource == 3 && hour == 3 ? null : $"Service {resource}";
                int? version = resource != 1 ? 1 : hour switch { 0 => 1, 1 or 2 or 3 => 2, 4 => 3, _ => null };
                var billed = (hour * 10) + resource + 0.25m;
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"2026-11-09 {hour:D2}:00:00,{billed},{billed},USD,Usage,Microsoft,{Id(resource)},{service ?? "NULL"},{region},Account {resource},{(version is { } v ? Tags(resource, v) : "NULL")}"));
                expected.Add((Id(resource), service, region, $"Account {resource}", version is { } w ? $"v{w}" : null, billed));
            }
        }

        var file = _folder.Write("turns.csv", FocusCsv.Lines([.. lines]));

        var records = _reader.Read(file, CancellationToken.None).ToList();

        Assert.Equal(expected.Count, records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var (id, service, region, account, version, billed) = expected[i];
            var r = records[i];
            Assert.True(id == r.ResourceId, $"row {i + 2}: resource {r.ResourceId}");
            Assert.True(service == r.ServiceName, $"row {i + 2}: service {r.ServiceName}");
            Assert.True(region == r.RegionId, $"row {i + 2}: region {r.RegionId}");
            Assert.True(account == r.SubAccountName, $"row {i + 2}: account {r.SubAccountName}");
            Assert.True(version == r.Tags.GetValueOrDefault("version"), $"row {i + 2}: version tag {r.Tags.GetValueOrDefault("version")}");
            Assert.Equal(version is null ? 0 : 31, r.Tags.Count);
            Assert.Equal(billed, r.BilledCost);
        }

        Assert.True(records.All(r => r.ResourceId!.Length > 150));
    }

    [Fact]
    public void Read_ResourcesInTurnsWithBadTagsOnALaterTurn_FailsAtThatLine()
    {
        var header = "ChargePeriodStart,BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ProviderName,ResourceId,Tags";
        var good = "\"{\"\"team\"\": \"\"a\"\"}\"";
        var file = _folder.Write("turns-bad.csv", FocusCsv.Lines(
            header,
            $"2026-11-09 00:00:00,1,1,USD,Usage,AWS,i-1,{good}",
            "2026-11-09 00:00:00,1,1,USD,Usage,AWS,i-2,{}",
            $"2026-11-09 01:00:00,1,1,USD,Usage,AWS,i-1,{good}",
            "2026-11-09 01:00:00,1,1,USD,Usage,AWS,i-2,{}",
            "2026-11-09 02:00:00,1,1,USD,Usage,AWS,i-1,\"{\"\"team\"\": \"\"a\"\"\""));

        var e = Assert.Throws<FocusFormatException>(() => _reader.Read(file, CancellationToken.None).ToList());

        Assert.Equal(6, e.Line);
        Assert.Equal("Tags", e.Column);
    }

    private static DateTime At(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    private sealed record Expected(
        DateTime Start,
        DateTime End,
        decimal Billed,
        decimal Effective,
        decimal List,
        string? ResourceId,
        string? Team,
        string? XTeam,
        string? XEnv,
        string? CostCenter = null);
}
