using FinOps.Core.Anomalies;
using FinOps.Core.Query;
using Moq;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Core.Tests.Anomalies;

public sealed class AnomalyQueryServiceTests
{
    [Fact]
    public void RunDate_TodayPastTheData_DayAfterLastDayWithCost()
    {
        var coverage = new DataCoverage(new DateRange(new DateOnly(2026, 8, 1), new DateOnly(2026, 12, 9)), DateTimeOffset.UnixEpoch, ["USD"]);

        Assert.Equal(new DateOnly(2026, 12, 9), AnomalyQueryService.RunDate(coverage, new DateOnly(2026, 12, 20)));
        Assert.Equal(new DateOnly(2026, 12, 5), AnomalyQueryService.RunDate(coverage, new DateOnly(2026, 12, 5)));
    }

    [Fact]
    public async Task CurrentAsync_ClockDaysAfterTheData_SameIncidentsAsTheAlertJobOnTheDayAfterTheData()
    {
        var costs = new PlantedAnomalyCosts(900m);
        // Three days after the last import: the run date stays the day after the data, so no missing day reads as a drop.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 12, 8, 0, 0, TimeSpan.Zero));

        var snapshot = await new AnomalyQueryService(costs, new AnomalyOptions(), clock, replayDays: 35).CurrentAsync(CancellationToken.None);
        var runDate = PlantedAnomalyCosts.LastDay.AddDays(1);
        var alerts = await new AnomalyDetectionService(costs, new AnomalyOptions()).ReplayAsync(runDate.AddDays(-34), runDate.AddDays(1), all: false, CancellationToken.None);

        Assert.NotNull(snapshot);
        Assert.Equal(runDate, snapshot.RunDate);
        Assert.Equal(alerts.Select(a => (a.Id, a.Start, a.End, a.IsOpen, a.Impact)), snapshot.Anomalies.Select(a => (a.Id, a.Start, a.End, a.IsOpen, a.Impact)));
        var open = Assert.Single(snapshot.Open);
        Assert.Equal(PlantedAnomalyCosts.SpikeStart, open.Start);
        Assert.Equal([new("team", "payments"), new("service", "Amazon Simple Storage Service")], open.Scope);
    }

    [Fact]
    public async Task CurrentAsync_EmptyStore_Null()
    {
        var empty = new Mock<ICostQueryService>();
        empty.Setup(c => c.GetCoverageAsync(It.IsAny<CancellationToken>())).ReturnsAsync((DataCoverage?)null);

        var snapshot = await new AnomalyQueryService(empty.Object, new AnomalyOptions(), TimeProvider.System).CurrentAsync(CancellationToken.None);

        Assert.Null(snapshot);
    }

    [Fact]
    public async Task CheckAsync_QuietDay_ActualAndExpectedOfTheModel()
    {
        var costs = new PlantedAnomalyCosts(100m);
        var service = new AnomalyQueryService(costs, new AnomalyOptions(), TimeProvider.System);
        var filters = new Dictionary<Dimension, IReadOnlyList<string>> { [Dimension.Service] = ["Amazon Simple Storage Service"] };

        var check = await service.CheckAsync(filters, new DateRange(PlantedAnomalyCosts.LastDay, PlantedAnomalyCosts.LastDay.AddDays(1)), CancellationToken.None);

        Assert.NotNull(check);
        Assert.Equal(("USD", 200m, 100m, 1), (check.Currency, check.Actual, check.Expected, check.JudgedDays));
    }
}
