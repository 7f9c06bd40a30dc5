using FinOps.Core.Anomalies;
using static FinOps.Core.Tests.Anomalies.SyntheticSeries;

namespace FinOps.Core.Tests.Anomalies;

public sealed class AnomalyReplayTests
{
    private static readonly DateOnly FromRun = Day(70);
    private static readonly DateOnly ToRun = Day(Days + 1);

    private static IReadOnlyList<CostAnomaly> Run(IReadOnlyList<AnomalySeries> series, AnomalyOptions? options = null, bool all = false, DateOnly? toRun = null) =>
        new AnomalyReplay(options ?? new AnomalyOptions()).Run(series, FirstDay, FromRun, toRun ?? ToRun, all);

    [Fact]
    public void Run_WeeklySeasonalityOnly_NoAnomaly()
    {
        var anomalies = Run([Team("payments", Weekly(1000, 400, noise: 0.03))]);

        Assert.Empty(anomalies);
    }

    [Fact]
    public void Run_Spike_OneIncidentDetectedTheMorningAfter()
    {
        var values = With(Weekly(1000, 400), 100, 103, (_, v) => v * 1.8m);

        var anomaly = Assert.Single(Run([Team("payments", values)]));

        Assert.Equal(Day(100), anomaly.Start);
        Assert.Equal(Day(103), anomaly.End);
        Assert.Equal(Day(101), anomaly.DetectedOn);
        Assert.Equal(AnomalyDirection.Up, anomaly.Direction);
        Assert.False(anomaly.IsOpen);
        Assert.Equal(anomaly.Actual - anomaly.Expected, anomaly.Impact);
        Assert.InRange(anomaly.Impact, 1500m, 3000m);
    }

    [Fact]
    public void Run_FinishedSpike_ChartOfFourWeeksWithTheBandUpToAWeekAfterIt()
    {
        var values = With(Weekly(1000, 400), 100, 103, (_, v) => v * 1.8m);

        var anomaly = Assert.Single(Run([Team("payments", values)]));

        var chart = anomaly.Chart;
        Assert.Equal(AnomalyReplay.ChartDays, chart.Count);
        Assert.Equal(Day(102 + AnomalyReplay.ChartDaysAfter), chart[^1].Day);
        Assert.Equal(Enumerable.Range(0, chart.Count).Select(i => chart[0].Day.AddDays(i)), chart.Select(d => d.Day));
        Assert.All(chart, d => Assert.Equal(values[d.Day.DayNumber - FirstDay.DayNumber], d.Actual));
        Assert.All(chart, d => Assert.True(d.Lower <= d.Expected && d.Expected <= d.Upper, $"{d.Day}: {d.Lower} {d.Expected} {d.Upper}"));
        // The spike days are above the band, the days around them inside it.
        Assert.All(chart.Where(d => d.Day >= Day(100) && d.Day < Day(103)), d => Assert.True(d.Actual > d.Upper, $"{d.Day}: {d.Actual} > {d.Upper}"));
        Assert.All(chart.Where(d => d.Day < Day(100) || d.Day >= Day(103)), d => Assert.InRange(d.Actual, d.Lower!.Value, d.Upper!.Value));
    }

    [Fact]
    public void Run_OpenSpike_ChartEndsOnTheLastJudgedDay()
    {
        var values = With(Weekly(1000, 400), 100, 103, (_, v) => v * 1.8m);

        var anomaly = Assert.Single(Run([Team("payments", values)], toRun: Day(103)));

        // The last run date is day 102, which judges day 101.
        Assert.True(anomaly.IsOpen);
        Assert.Equal(Day(101), anomaly.Chart[^1].Day);
        Assert.Equal(AnomalyReplay.ChartDays, anomaly.Chart.Count);
    }

    [Fact]
    public void Run_LevelShift_AlertedOnceThenLearned()
    {
        var values = With(Weekly(1000, 400), 100, Days, (_, v) => v * 1.4m);

        var anomaly = Assert.Single(Run([Team("payments", values)]));

        Assert.Equal(Day(100), anomaly.Start);
        Assert.True(anomaly.End <= Day(100 + new AnomalyOptions().LearnAfterDays), $"still alerting on {anomaly.End}");
        Assert.False(anomaly.IsOpen);
    }

    [Fact]
    public void Run_Drop_DetectedAsDown()
    {
        var values = With(Weekly(1000, 400), 100, Days, (_, v) => v * 0.5m);

        var anomaly = Assert.Single(Run([Team("payments", values)]));

        Assert.Equal(AnomalyDirection.Down, anomaly.Direction);
        Assert.Equal(Day(100), anomaly.Start);
    }

    [Fact]
    public void Run_SlowLeakThreePercentADay_CaughtWithinTwoWeeks()
    {
        var values = With(Weekly(1000, 400), 90, Days, (k, v) => v * (decimal)Math.Pow(1.03, k + 1));

        var anomalies = Run([Team("data", values)]);

        Assert.NotEmpty(anomalies);
        Assert.All(anomalies, a => Assert.Equal(AnomalyDirection.Up, a.Direction));
        Assert.InRange(anomalies.Min(a => a.DetectedOn), Day(91), Day(104));
    }

    [Fact]
    public void Run_HolidayDip_NotAlertedWhenTheDayIsAHoliday()
    {
        var values = With(Weekly(1000, 400), 101, 102, (_, v) => v * 0.4m);
        var holiday = new AnomalyOptions { Holidays = [Day(101).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)] };

        var withHoliday = Run([Team("payments", values)], holiday);
        var without = Run([Team("payments", values)]);

        Assert.Empty(withHoliday);
        Assert.Equal(AnomalyDirection.Down, Assert.Single(without).Direction);
    }

    [Fact]
    public void Run_MigrationBetweenServicesOfOneTeam_NotAlerted()
    {
        var ec2 = With(Weekly(3000, 1500, seed: 2), 100, Days, (_, v) => v - 1200m);
        var lambda = With(Weekly(300, 150, seed: 3), 100, Days, (_, v) => v + 1200m);
        var series = new[] { Team("checkout", Sum(ec2, lambda)), Service("checkout", "EC2", ec2), Service("checkout", "Lambda", lambda) };

        var alerts = Run(series);
        var raw = Run(series, all: true);

        Assert.Empty(alerts);
        Assert.Contains(raw, a => a.Scope.Any(p => p.Value == "Lambda") && a.Start == Day(100));
    }

    [Fact]
    public void Run_SmallButExpensiveChangeOnBigTeam_ReportedOnceAtTheService()
    {
        var compute = With(Weekly(4000, 2000, seed: 4), 100, Days, (_, v) => v * 1.25m);
        var storage = Weekly(16000, 16000, seed: 5, noise: 0.01);
        var series = new[] { Team("platform", Sum(compute, storage)), Service("platform", "EC2", compute), Service("platform", "S3", storage) };

        var anomaly = Assert.Single(Run(series));

        Assert.Equal([new("team", "platform"), new("service", "EC2")], anomaly.Scope);
        Assert.Equal(Day(100), anomaly.Start);
    }

    [Fact]
    public void Run_SpikeSeenByTeamServiceAndAccount_ReportedOnceAtTheMostSpecificScope()
    {
        var compute = With(Weekly(2000, 1000, seed: 8), 100, 103, (_, v) => v + 3000m);
        var storage = Weekly(1000, 1000, seed: 9, noise: 0.01);
        var other = Weekly(1500, 700, seed: 10);
        var team = Sum(compute, storage);
        var account = new AnomalySeries([new("account", "payments-prod")], "USD", Sum(team, other))
        {
            Parts = new Dictionary<string, decimal[]> { ["payments"] = team, ["checkout"] = other },
        };
        var series = new[] { Team("payments", team), Service("payments", "EC2", compute), Service("payments", "S3", storage), account };

        var alerts = Run(series);
        var raw = Run(series, all: true);

        var anomaly = Assert.Single(alerts);
        Assert.Equal([new("team", "payments"), new("service", "EC2")], anomaly.Scope);
        Assert.Contains(raw, a => a.Scope.Count == 1 && a.Scope[0].Key == "account" && a.Start == Day(100));
        Assert.Contains(raw, a => a.Scope.Count == 1 && a.Scope[0].Key == "team" && a.Start == Day(100));
    }

    [Fact]
    public void Run_SmallNoisySeries_NeverAlertsBelowTheMoneyMinimum()
    {
        var anomalies = Run([Service("growth", "Key Vault", Weekly(40, 30, noise: 0.3, seed: 6))]);
        var raw = Run([Service("growth", "Key Vault", With(Weekly(40, 30, noise: 0.3, seed: 6), 100, 101, (_, v) => v * 3))], all: true);

        Assert.Empty(anomalies);
        Assert.NotEmpty(raw);
    }

    [Fact]
    public void Run_NewServiceRampingUp_NotFlaggedByItself()
    {
        var existing = Weekly(10000, 8000, seed: 7, noise: 0.01);
        var ramp = new decimal[Days];
        for (var t = 95; t < Days; t++)
        {
            ramp[t] = Math.Round(300m * Math.Min(1m, (t - 94) / 14m), 2);
        }

        var series = new[] { Team("mobile", Sum(existing, ramp)), Service("mobile", "EC2", existing), Service("mobile", "OpenSearch", ramp) };

        Assert.Empty(Run(series));
    }

    [Fact]
    public void Run_OngoingIncident_OneEntryWhoseEndGrowsAndStaysOpen()
    {
        var values = With(Weekly(1000, 400), Days - 4, Days, (_, v) => v * 2);
        var series = new[] { Team("ml", values) };

        var earlier = Assert.Single(Run(series, toRun: ToRun.AddDays(-2)));
        var later = Assert.Single(Run(series));

        Assert.Equal(earlier.Id, later.Id);
        Assert.Equal(earlier.Start, later.Start);
        Assert.Equal(earlier.End.AddDays(2), later.End);
        Assert.Equal(Day(Days), later.End);
        Assert.True(later.IsOpen);
    }

    [Fact]
    public void Run_SpikeThenBackToNormal_ResolvedWithoutADropAlert()
    {
        var values = With(Weekly(1000, 400), 100, 110, (_, v) => v * 2);

        var anomaly = Assert.Single(Run([Team("checkout", values)]));

        Assert.Equal(AnomalyDirection.Up, anomaly.Direction);
        Assert.False(anomaly.IsOpen);
    }

    [Fact]
    public void Run_FutureValuesChanged_PastRunsSeeTheSameData()
    {
        var values = With(Weekly(1000, 400), 100, 103, (_, v) => v * 1.8m);
        var future = With(values, 103, Days, (k, v) => v * (k % 2 == 0 ? 5 : 0.1m));
        var toRun = Day(104);

        var seen = Run([Team("payments", values)], toRun: toRun);
        var withFuture = Run([Team("payments", future)], toRun: toRun);

        Assert.Equal(seen, withFuture, (a, b) => a.Id == b.Id && a.End == b.End && a.Actual == b.Actual && a.Expected == b.Expected);
        Assert.Single(seen);
    }

    [Fact]
    public void Run_TeamThreshold_OverridesTheDefaultMinimum()
    {
        var values = With(Weekly(1000, 400), 100, 103, (_, v) => v * 1.3m);
        var strict = new AnomalyOptions();
        strict.Teams["payments"] = new AnomalyTeamThresholds { MinDailyImpact = 5000m };

        Assert.Single(Run([Team("payments", values)]));
        Assert.Empty(Run([Team("payments", values)], strict));
    }

    [Fact]
    public void AnomalyOptions_BadHoliday_ValidateNamesTheSetting()
    {
        var options = new AnomalyOptions { Holidays = ["25/12"] };

        Assert.Equal("Anomalies:Holidays:0: '25/12' is not MM-dd or yyyy-MM-dd.", options.Validate());
        Assert.Throws<ArgumentException>(() => new AnomalyReplay(options));
    }
}
