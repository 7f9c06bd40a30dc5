using FinOps.Core.Anomalies;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Core.Tests.Anomalies;

/// <summary>What feedback does to alerts (<see cref="AnomalySuppression"/>) and the precision it gives (<see cref="AnomalyPrecision"/>).</summary>
public sealed class AnomalyFeedbackTests
{
    private static readonly DateTimeOffset ClickedAt = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reason_SimilarLaterChangeOnSeriesMarkedExpected_Suppressed()
    {
        var first = Anomaly("an-first", new DateOnly(2026, 11, 20), dailyImpact: 2_000m);
        var repeat = Anomaly("an-repeat", new DateOnly(2026, 12, 4), dailyImpact: 2_600m);
        var suppression = new AnomalySuppression([Feedback(first, AnomalyFeedbackKind.Expected)], ClickedAt);

        Assert.Equal("marked expected by Pat Owner", suppression.Reason(first));
        Assert.Equal("similar to the change of 2026-11-20 marked expected by Pat Owner", suppression.Reason(repeat));
        Assert.Empty(suppression.Filter([first, repeat]));
    }

    [Theory]
    [InlineData(3_500, "team=payments, service=EC2", AnomalyDirection.Up, 14)]
    [InlineData(2_000, "team=payments, service=RDS", AnomalyDirection.Up, 14)]
    [InlineData(2_000, "team=payments, service=EC2", AnomalyDirection.Down, 14)]
    [InlineData(2_000, "team=payments, service=EC2", AnomalyDirection.Up, 120)]
    public void Reason_LargerOtherSeriesOtherDirectionOrMuchLater_StillAlerted(int dailyImpact, string scope, AnomalyDirection direction, int daysLater)
    {
        var first = Anomaly("an-first", new DateOnly(2026, 11, 20), dailyImpact: 2_000m);
        var service = scope.Split("service=")[1];
        var later = Anomaly("an-later", new DateOnly(2026, 11, 20).AddDays(daysLater), dailyImpact, service, direction);
        var suppression = new AnomalySuppression([Feedback(first, AnomalyFeedbackKind.Expected)], ClickedAt);

        Assert.Null(suppression.Reason(later));
        Assert.Single(suppression.Filter([later]));
    }

    [Fact]
    public void Reason_MutedService_SuppressedForSevenDaysThenAlertedAgain()
    {
        var clock = new FakeTimeProvider(ClickedAt);
        var muted = Anomaly("an-muted", new DateOnly(2026, 11, 20), 2_000m);
        var mute = Feedback(muted, AnomalyFeedbackKind.Mute) with { MutedUntil = clock.GetUtcNow() + AnomalyFeedback.MuteDuration };
        var teamLevel = Anomaly("an-team", new DateOnly(2026, 11, 23), 900m) with
        {
            Scope = [new("team", "payments")],
            RootCauses = [new([new("service", "EC2"), new("resource", "r-1")], 900m, null)],
        };
        var otherService = Anomaly("an-rds", new DateOnly(2026, 11, 23), 900m, "RDS");
        var feedback = new[] { mute };

        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        var during = new AnomalySuppression(feedback, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(1));
        var after = new AnomalySuppression(feedback, clock.GetUtcNow());

        Assert.Equal("EC2 of payments muted until 2026-11-28 by Pat Owner", during.Reason(Anomaly("an-next", new DateOnly(2026, 11, 26), 5_000m)));
        Assert.NotNull(during.Reason(teamLevel));
        Assert.Null(during.Reason(otherService));
        Assert.Null(after.Reason(Anomaly("an-next", new DateOnly(2026, 11, 26), 5_000m)));
        Assert.Null(after.Reason(teamLevel));
    }

    [Fact]
    public void Reason_NotAnIssue_SilencesNothing()
    {
        var anomaly = Anomaly("an-1", new DateOnly(2026, 11, 20), 2_000m);

        var suppression = new AnomalySuppression([Feedback(anomaly, AnomalyFeedbackKind.NotAnIssue)], ClickedAt);

        Assert.Null(suppression.Reason(anomaly));
        Assert.Null(suppression.Reason(Anomaly("an-2", new DateOnly(2026, 11, 27), 2_000m)));
    }

    [Fact]
    public void From_VerdictsOnFiveIncidents_LatestVerdictPerIncidentGivesPrecision()
    {
        var a = Anomaly("an-a", new DateOnly(2026, 11, 1), 1_000m);
        var b = Anomaly("an-b", new DateOnly(2026, 11, 2), 1_000m);
        var c = Anomaly("an-c", new DateOnly(2026, 11, 3), 1_000m);
        var d = Anomaly("an-d", new DateOnly(2026, 11, 4), 1_000m);
        var e = Anomaly("an-e", new DateOnly(2026, 11, 5), 1_000m);
        var feedback = new[]
        {
            Feedback(a, AnomalyFeedbackKind.Expected, 1),
            Feedback(b, AnomalyFeedbackKind.Investigating, 2),
            // Looked into, then found to be nothing: a false alarm.
            Feedback(c, AnomalyFeedbackKind.Investigating, 3),
            Feedback(c, AnomalyFeedbackKind.NotAnIssue, 4),
            Feedback(d, AnomalyFeedbackKind.NotAnIssue, 5),
            // A mute is no verdict.
            Feedback(e, AnomalyFeedbackKind.Mute, 6),
            Feedback(Anomaly("an-f", new DateOnly(2026, 11, 6), 1_000m), AnomalyFeedbackKind.Investigating, 7) with { Team = "ledger" },
        };

        var all = AnomalyPrecision.From(feedback);
        var payments = AnomalyPrecision.From(feedback, "PAYMENTS");

        Assert.Equal((1, 2, 2, 1), (all.Expected, all.Investigating, all.FalseAlarms, all.Muted));
        Assert.Equal((3, 5, 0.6m), (all.Real, all.Judged, all.Precision));
        Assert.Equal((2, 4, 0.5m), (payments.Real, payments.Judged, payments.Precision));
        Assert.Null(AnomalyPrecision.From([]).Precision);
    }

    [Fact]
    public async Task TryAppendAsync_SameIncidentAndKindTwice_StoredOnceAndEarlierEntryReturned()
    {
        var store = new InMemoryAnomalyFeedbackStore();
        var anomaly = Anomaly("an-1", new DateOnly(2026, 11, 20), 2_000m);

        var first = await store.TryAppendAsync(Feedback(anomaly, AnomalyFeedbackKind.Investigating), CancellationToken.None);
        var second = await store.TryAppendAsync(Feedback(anomaly, AnomalyFeedbackKind.Investigating) with { ActorName = "Mia Member" }, CancellationToken.None);

        Assert.True(first.Added);
        Assert.False(second.Added);
        Assert.Equal("Pat Owner", second.Entry.ActorName);
        Assert.Single(await store.ListAsync("an-1", CancellationToken.None));
    }

    internal static CostAnomaly Anomaly(string id, DateOnly start, decimal dailyImpact, string service = "EC2", AnomalyDirection direction = AnomalyDirection.Up) => new(
        id, [new("team", "payments"), new("service", service)], start, start.AddDays(1), start.AddDays(1), false, "USD",
        1_000m + Math.Abs(dailyImpact), 1_000m, direction == AnomalyDirection.Up ? Math.Abs(dailyImpact) : -Math.Abs(dailyImpact), direction, AnomalyKind.Point, []);

    internal static AnomalyFeedback Feedback(CostAnomaly anomaly, AnomalyFeedbackKind kind, long sequence = 1) => new(
        sequence, anomaly.Id, kind, AnomalyOwnership.OwningTeam(anomaly)!, AnomalyOwnership.Service(anomaly), AnomalyOwnership.ScopeText(anomaly.Scope),
        anomaly.Currency, anomaly.Direction, anomaly.Start, AnomalyOwnership.DailyImpact(anomaly), "pat@corp.example", "Pat Owner",
        ClickedAt.AddMinutes(sequence), "slack", kind == AnomalyFeedbackKind.Mute ? ClickedAt + AnomalyFeedback.MuteDuration : null);
}
