using System.Globalization;

namespace FinOps.Demo;

/// <summary>The demo company's business metrics, day by day: the denominators of its unit costs.</summary>
/// <remarks>
/// Acme Commerce counts <c>orders</c> and <c>active_users</c> company-wide, and the teams that serve them count their own
/// units: checkout its <c>orders</c>, mobile its app <c>orders</c>, payments its <c>transactions</c>, search its
/// <c>searches</c>. Weekends shop more, volume grows about 2% a month and November to December peak. The same days
/// and seed give the same file.
/// </remarks>
public static class BusinessMetricsDemoGenerator
{
    /// <summary>Writes <c>date,metric,team,value</c> for every day from <paramref name="firstDay"/> to <paramref name="lastDay"/> inclusive; returns the number of values.</summary>
    public static int WriteFile(string path, DateOnly firstDay, DateOnly lastDay, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(path);
        var random = new Random(seed);
        using var writer = new StreamWriter(path, append: false);
        writer.NewLine = "\n";
        writer.WriteLine("date,metric,team,value");
        var count = 0;
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            var months = (day.Year - firstDay.Year) * 12 + day.Month - firstDay.Month;
            var growth = 1m + 0.02m * months;
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1.15m : 1m;
            var season = day.Month switch { 11 => 1.25m, 12 => 1.35m, 1 => 0.9m, _ => 1m };
            decimal Noise() => 0.95m + (decimal)random.NextDouble() * 0.1m;

            var orders = Math.Round(38_000m * growth * weekend * season * Noise());
            var mobileOrders = Math.Round(orders * 0.36m * Noise());
            var transactions = Math.Round(orders * 1.18m * Noise());
            var activeUsers = Math.Round(290_000m * growth * (weekend == 1m ? 1m : 1.08m) * Noise());
            var searches = Math.Round(activeUsers * 6.5m * Noise());
            (string Metric, string Team, decimal Value)[] rows =
            [
                ("orders", "", orders),
                ("active_users", "", activeUsers),
                ("orders", "checkout", orders),
                ("orders", "mobile", mobileOrders),
                ("transactions", "payments", transactions),
                ("searches", "search", searches),
            ];
            foreach (var (metric, team, value) in rows)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{metric},{team},{value:0}"));
                count++;
            }
        }

        return count;
    }
}
