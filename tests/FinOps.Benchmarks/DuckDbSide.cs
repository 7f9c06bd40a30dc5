using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;

namespace FinOps.Benchmarks;

/// <summary>The reference: DuckDB loading the same FOCUS CSV with read_csv into a daily GROUP BY table, and answering the same query shapes.</summary>
public static class DuckDbSide
{
    private const string DailyRollup = """
        CREATE TABLE daily AS
        SELECT CAST(ChargePeriodStart AS DATE) AS day, ProviderName, BillingAccountId, BillingAccountName,
               SubAccountId, SubAccountName, ServiceName, ServiceCategory, RegionId, ResourceId, ResourceName,
               ChargeCategory, PricingCategory, CommitmentDiscountId, Tags, BillingCurrency,
               SUM(BilledCost) AS billed, SUM(EffectiveCost) AS effective, SUM(ListCost) AS list,
               SUM(ContractedCost) AS contracted, COUNT(*) AS n
        FROM read_csv('@csv', header = true, nullstr = 'NULL')
        GROUP BY ALL
        """;

    public static IngestResult Ingest(string csvPath, string databasePath)
    {
        DeleteDatabase(databasePath);
        var watch = Stopwatch.StartNew();
        using var connection = Open(databasePath);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = DailyRollup.Replace("@csv", csvPath.Replace("'", "''", StringComparison.Ordinal), StringComparison.Ordinal);
            command.ExecuteNonQuery();
        }

        watch.Stop();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*), CAST(SUM(n) AS BIGINT) FROM daily";
        using var reader = count.ExecuteReader();
        reader.Read();
        return new IngestResult("duckdb", watch.Elapsed.TotalSeconds, PeakMemory.CpuSeconds(), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), PeakMemory.ReadPeakRssMegabytes());
    }

    /// <summary>Runs each shape's SQL <paramref name="iterations"/> times (after a warm-up), reading every row.</summary>
    public static QueryRunResult Query(string databasePath, IReadOnlyList<QueryShape> shapes, int iterations)
    {
        var cold = Stopwatch.StartNew();
        using var connection = Open(databasePath);
        Run(connection, "SELECT COUNT(*) FROM daily");
        var coldSeconds = cold.Elapsed.TotalSeconds;

        var timings = new List<ShapeTiming>(shapes.Count);
        foreach (var shape in shapes)
        {
            using var command = connection.CreateCommand();
            command.CommandText = shape.Sql;
            var samples = Timing.Measure(iterations, () => Drain(command));
            timings.Add(new ShapeTiming(
                shape.Name,
                Stats.Percentile(samples, 50),
                Stats.Percentile(samples, 95),
                samples.Max(),
                Totals(connection, shape.MetricColumn, shape.Where),
                shape.CompareWhere is null ? new Dictionary<string, decimal>() : Totals(connection, shape.MetricColumn, shape.CompareWhere)));
        }

        return new QueryRunResult("duckdb", coldSeconds, iterations, PeakMemory.ReadPeakRssMegabytes(), timings);
    }

    public static DuckDBConnection Open(string databasePath)
    {
        var connection = new DuckDBConnection($"Data Source={databasePath}");
        connection.Open();
        return connection;
    }

    public static void Run(DuckDBConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Drain(command);
    }

    public static void DeleteDatabase(string databasePath)
    {
        File.Delete(databasePath);
        File.Delete(databasePath + ".wal");
    }

    private static int Drain(DuckDBCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                _ = reader.GetValue(i);
            }

            rows++;
        }

        return rows;
    }

    private static Dictionary<string, decimal> Totals(DuckDBConnection connection, string metricColumn, string where)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT BillingCurrency, CAST(SUM({metricColumn}) AS DOUBLE) FROM daily WHERE {where} GROUP BY ALL";
        using var reader = command.ExecuteReader();
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        while (reader.Read())
        {
            totals[reader.GetString(0)] = reader.IsDBNull(1) ? 0m : (decimal)reader.GetDouble(1);
        }

        return totals;
    }
}
