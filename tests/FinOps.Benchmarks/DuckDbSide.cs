using System.Diagnostics;
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

    public static (double Seconds, long Facts) Ingest(string csvPath, string databasePath)
    {
        File.Delete(databasePath);
        var watch = Stopwatch.StartNew();
        using var connection = new DuckDBConnection($"Data Source={databasePath}");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = DailyRollup.Replace("@csv", csvPath.Replace("'", "''", StringComparison.Ordinal), StringComparison.Ordinal);
            command.ExecuteNonQuery();
        }

        watch.Stop();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM daily";
        var facts = Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        return (watch.Elapsed.TotalSeconds, facts);
    }

    public static DuckDBConnection Open(string databasePath)
    {
        var connection = new DuckDBConnection($"Data Source={databasePath}");
        connection.Open();
        return connection;
    }

    public static void Run(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
        }
    }
}
