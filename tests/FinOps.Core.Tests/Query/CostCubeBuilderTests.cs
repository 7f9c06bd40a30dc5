using System.Globalization;
using FinOps.Core.Query;

namespace FinOps.Core.Tests.Query;

public sealed class CostCubeBuilderTests
{
    [Theory]
    [InlineData(16, false, false)]
    [InlineData(16, true, false)]
    [InlineData(5000, false, false)]
    [InlineData(16, false, true)]
    public void Build_FactsOutOfDateOrder_EveryFactKeepsAllItsValuesAndEachDayItsAddingOrder(int capacity, bool decimalMetric, bool strayDate)
    {
        var builder = new CostCubeBuilder(capacity);
        var random = new Random(18);
        var expected = new Dictionary<string, (int Day, string Currency, string Status, string Tag, decimal Billed, decimal Effective)>();
        var start = new DateOnly(2026, 1, 1);
        for (var i = 0; i < 3000; i++)
        {
            // A date decades away makes the day range far wider than the facts (the comparison-sort path).
            var date = strayDate && i == 1234 ? start.AddYears(40) : start.AddDays(random.Next(0, 400));
            var resource = "r-" + i.ToString(CultureInfo.InvariantCulture);
            var currency = i % 3 == 0 ? "EUR" : "USD";
            var status = i % 5 == 0 ? "Used" : CostCube.None;
            var tag = "t" + (i % 7).ToString(CultureInfo.InvariantCulture);
            var billed = i / 100m;

            // A value finer than 18 decimal places makes the column keep decimals instead of fixed point.
            var effective = decimalMetric && i == 17 ? 0.0000000000000000001m : i * 3 + 0.25m;
            expected[resource] = (date.DayNumber, currency, status, tag, billed, effective);
            builder.Add(new CostCubeFact(
                date,
                builder.AddCurrency(currency),
                builder.AddTagSet(new Dictionary<string, string> { ["team"] = tag }),
                builder.AddValue(DimensionKind.Provider, "AWS"),
                builder.AddValue(DimensionKind.Service, "EC2"),
                builder.AddValue(DimensionKind.Category, "Compute"),
                builder.AddValue(DimensionKind.Region, "r" + (i % 4).ToString(CultureInfo.InvariantCulture)),
                builder.AddValue(DimensionKind.Account, "a"),
                builder.AddValue(DimensionKind.BillingAccount, "b"),
                builder.AddValue(DimensionKind.Resource, resource),
                builder.AddValue(DimensionKind.ChargeCategory, "Usage"),
                builder.AddValue(DimensionKind.PricingCategory, "Standard"),
                billed,
                effective,
                billed * 2,
                billed)
            {
                CommitmentDiscountStatus = builder.AddCommitmentDiscountStatus(status == CostCube.None ? null : status),
            });
        }

        var cube = builder.Build();

        Assert.Equal(3000, cube.Count);
        for (var f = 0; f < cube.Count; f++)
        {
            if (f > 0)
            {
                Assert.True(cube.Date(f - 1) <= cube.Date(f), $"fact {f} is out of date order");
                if (cube.Date(f - 1) == cube.Date(f))
                {
                    Assert.True(Index(cube, f - 1) < Index(cube, f), $"facts {f - 1} and {f} of one day are not in the order they were added");
                }
            }

            var want = expected[cube.Value(DimensionKind.Resource, f)];
            Assert.Equal(want.Day, cube.Date(f).DayNumber);
            Assert.Equal(want.Currency, cube.Currency(f));
            Assert.Equal(want.Status, cube.CommitmentDiscountStatus(f));
            Assert.Equal(want.Tag, cube.TagValue(cube.TagSetOf(f), "team"));
            Assert.Equal(want.Billed, cube.Amount(CostMetric.BilledCost, f));
            Assert.Equal(want.Effective, cube.Amount(CostMetric.EffectiveCost, f));
            Assert.Equal(want.Billed * 2, cube.Amount(CostMetric.ListCost, f));
        }
    }

    private static int Index(CostCube cube, int fact) =>
        int.Parse(cube.Value(DimensionKind.Resource, fact).AsSpan(2), CultureInfo.InvariantCulture);
}
