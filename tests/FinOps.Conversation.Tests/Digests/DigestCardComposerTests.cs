using FinOps.Conversation.Cards;
using FinOps.Conversation.Digests;
using FinOps.Core.Anomalies;
using FinOps.Core.Digests;
using FinOps.Core.Freshness;
using FinOps.Core.Query;

namespace FinOps.Conversation.Tests.Digests;

public sealed class DigestCardComposerTests
{
    private static readonly DateRange Week = new(new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 23));

    private static WeeklyDigest Digest(params WeeklyDigestCurrency[] sections) =>
        new("payments", "Payments", Week, Week.Previous(), sections);

    private static WeeklyDigestCurrency Usd() => new(
        "USD",
        1234.5m,
        1000m,
        [new DigestLine("service", "EC2", 1000m, 800m), new DigestLine("service", "S3", 234.5m, 200m)],
        Enumerable.Range(0, 7).Select(i => new DigestDay(Week.Start.AddDays(i), i == 2 ? 534.5m : 116.6666m, 142.857m)).ToArray(),
        [new DigestLine("resource", "i-1", 600m, 400m), new DigestLine("resource", "bucket", 34.5m, 0m)]);

    [Fact]
    public void Compose_TeamWithUnitCost_ShowsCostPerUnitWithWeekBefore()
    {
        var digest = Digest(Usd()) with { UnitCosts = [new DigestUnitCost("transactions", "USD", 1, 1234.5m, 3000m, 0.4115m, 0.3846m), new DigestUnitCost("orders", "USD", 1000, 1234.5m, 100_000m, 12.345m, null)] };

        var card = new DigestCardComposer().Compose(digest);

        var facts = Assert.Single(card.Blocks.OfType<FactsBlock>()).Facts;
        Assert.Equal(["Cost per transaction", "Cost per 1,000 orders"], facts.Select(f => f.Label));
        Assert.StartsWith("$0.4115 (", facts[0].Value, StringComparison.Ordinal);
        Assert.Contains("vs $0.3846 the week before", facts[0].Value, StringComparison.Ordinal);
        Assert.Equal("$12.35, 100,000 orders", facts[1].Value);
        Assert.Contains("cost per transaction $0.4115", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_IngestionSources_SaysHowFarEachProviderIsCompleteAndWhichExportIsOverdue()
    {
        var digest = Digest(Usd()) with
        {
            Freshness =
            [
                new SourceFreshness("aws-prod", "ok", null, new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(1), false,
                    [new AccountCompleteness("AWS", "1111", new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 22)), new AccountCompleteness("AWS", "2222", new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 21))]),
                new SourceFreshness("azure-ea", "ok", null, new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(1), true,
                    [new AccountCompleteness("Microsoft", "ea-1", new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 19))]),
            ],
        };

        var card = new DigestCardComposer().Compose(digest);

        const string Expected = "Data complete for AWS through Nov 21, Microsoft through Nov 19 (export overdue). Export azure-ea is overdue: nothing new since Nov 20.";
        Assert.Contains(card.Blocks.OfType<ContextBlock>(), b => b.Text == Expected);
        Assert.EndsWith(Expected, card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_EmptyWeekWithIngestionSource_StillSaysHowFarTheDataIsComplete()
    {
        var digest = Digest() with
        {
            Freshness = [new SourceFreshness("aws-prod", "ok", null, null, TimeSpan.FromDays(1), false, [new AccountCompleteness("AWS", "1111", new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 22))])],
        };

        var card = new DigestCardComposer().Compose(digest);

        Assert.EndsWith("Data complete for AWS through Nov 22.", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_NoIngestionSources_NoFreshnessLine()
    {
        var card = new DigestCardComposer().Compose(Digest(Usd()));

        Assert.DoesNotContain(card.Blocks.OfType<ContextBlock>(), b => b.Text.Contains("Data complete", StringComparison.Ordinal));
        Assert.DoesNotContain("Data complete", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_OpenAnomalies_TableWithServiceSinceAndImpactAndSummary()
    {
        var digest = Digest(Usd()) with
        {
            OpenAnomalies =
            [
                Anomaly("an-1", [new("team", "payments"), new("service", "Amazon Simple Storage Service")], new DateOnly(2026, 11, 20), 3, 2_700m),
                Anomaly("an-2", [new("team", "payments")], new DateOnly(2026, 11, 22), 1, -400m),
            ],
        };

        var card = new DigestCardComposer().Compose(digest);

        var table = Assert.Single(card.Blocks.OfType<CostTableBlock>(), t => t.LabelHeader.StartsWith("Open anomalies", StringComparison.Ordinal));
        Assert.Equal(["Amazon Simple Storage Service, up since Fri 20 Nov (3 days)", "all services, down since Sun 22 Nov (1 day)"], table.Rows.Select(r => r.Label));
        Assert.Equal([2_700m, -400m], table.Rows.Select(r => r.Amount.Amount));
        Assert.Contains("2 open anomalies: Amazon Simple Storage Service, up since Fri 20 Nov (3 days) +$2,700.00, all services, down since Sun 22 Nov (1 day) -$400.00", card.FallbackText, StringComparison.Ordinal);
        // Before the button, after the spend sections.
        Assert.True(card.Blocks.ToList().IndexOf(table) < card.Blocks.ToList().FindIndex(b => b is ActionsBlock));
    }

    [Fact]
    public void Compose_NoOpenAnomalies_NoAnomalySection()
    {
        var card = new DigestCardComposer().Compose(Digest(Usd()));

        Assert.DoesNotContain(card.Blocks.OfType<CostTableBlock>(), t => t.LabelHeader.Contains("anomal", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("anomal", card.FallbackText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Compose_NoSpendButOpenDrop_StillListsTheAnomaly()
    {
        var digest = Digest() with { OpenAnomalies = [Anomaly("an-3", [new("team", "payments"), new("service", "EC2")], new DateOnly(2026, 11, 18), 5, -3_000m)] };

        var card = new DigestCardComposer().Compose(digest);

        Assert.Single(card.Blocks.OfType<CostTableBlock>(), t => t.LabelHeader.StartsWith("Open anomalies", StringComparison.Ordinal));
        Assert.Contains("1 open anomaly: EC2, down since Wed 18 Nov (5 days) -$3,000.00", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_ManyOpenAnomalies_ListsTheFirstAndCountsTheRest()
    {
        var digest = Digest(Usd()) with
        {
            OpenAnomalies = [.. Enumerable.Range(0, DigestCardComposer.MaxOpenAnomalies + 2).Select(i => Anomaly($"an-{i}", [new("team", "payments"), new("service", $"S{i}")], new DateOnly(2026, 11, 20), 1, 1_000m - i))],
        };

        var card = new DigestCardComposer().Compose(digest);

        Assert.Equal(DigestCardComposer.MaxOpenAnomalies, Assert.Single(card.Blocks.OfType<CostTableBlock>(), t => t.LabelHeader.StartsWith("Open anomalies", StringComparison.Ordinal)).Rows.Count);
        Assert.Contains(card.Blocks.OfType<ContextBlock>(), c => c.Text.StartsWith("...and 2 more open anomalies", StringComparison.Ordinal));
    }

    private static CostAnomaly Anomaly(string id, IReadOnlyList<KeyValuePair<string, string>> scope, DateOnly start, int days, decimal impact) =>
        new(id, scope, start, start.AddDays(days), start.AddDays(1), true, "USD", 1_000m + impact, 1_000m, impact,
            impact < 0 ? AnomalyDirection.Down : AnomalyDirection.Up, AnomalyKind.Point, []);

    [Fact]
    public void Compose_NoUnitCosts_HasNoFactsBlock()
    {
        var card = new DigestCardComposer().Compose(Digest(Usd()));

        Assert.Empty(card.Blocks.OfType<FactsBlock>());
    }

    [Fact]
    public void Compose_OneCurrency_KeyNumberWithChangeAgainstWeekBefore()
    {
        var card = new DigestCardComposer().Compose(Digest(Usd()));

        Assert.Equal(DigestCardComposer.CardKind, card.Kind);
        var key = Assert.Single(card.Blocks.OfType<KeyNumberBlock>());
        Assert.Equal(new Money(1234.5m, "USD"), key.Value);
        Assert.Equal(234.5m, key.Change!.Change.Amount);
        Assert.Contains("$1,234.50", card.FallbackText, StringComparison.Ordinal);
        Assert.Contains("$1,000.00 the week before", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_DailyTrend_ChartWithSevenBarsAndWeekBeforeLine()
    {
        var card = new DigestCardComposer().Compose(Digest(Usd()));

        var chart = Assert.Single(card.Blocks.OfType<ChartBlock>()).Spec;
        Assert.Equal("USD", chart.Currency);
        Assert.Equal(["Mon 16", "Tue 17", "Wed 18", "Thu 19", "Fri 20", "Sat 21", "Sun 22"], chart.Bars.Select(b => b.Label));
        Assert.Equal(534.5m, chart.Bars[2].Value);
        Assert.Equal(Enumerable.Repeat(142.857m, 7), chart.ComparisonLine!);
        Assert.Equal("Week before", chart.ComparisonLabel);
        Assert.Contains("highest on Wednesday 18 Nov", card.Blocks.OfType<ChartBlock>().Single().AltText, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_TopServicesAndMovers_TablesWithChangeAndShare()
    {
        var card = new DigestCardComposer().Compose(Digest(Usd()));

        var tables = card.Blocks.OfType<CostTableBlock>().ToArray();
        Assert.Equal(2, tables.Length);
        Assert.Equal("Top services", tables[0].LabelHeader);
        Assert.Equal(200m, tables[0].Rows[0].Change!.Change.Amount);
        Assert.Equal(0.25m, tables[0].Rows[0].Change!.Ratio);
        Assert.Equal(1000m / 1234.5m, tables[0].Rows[0].Share);
        Assert.Equal(["i-1", "bucket"], tables[1].Rows.Select(r => r.Label));
        Assert.Null(tables[1].Rows[1].Change!.Ratio);
    }

    [Fact]
    public void Compose_Button_CarriesTeamAndWeek()
    {
        var card = new DigestCardComposer().Compose(Digest(Usd()));

        var action = Assert.Single(Assert.Single(card.Blocks.OfType<ActionsBlock>()).Actions);
        Assert.Equal(DigestCardComposer.ShowByServiceActionId, action.ActionId);
        Assert.Equal("payments", action.Payload[DigestCardComposer.TeamPayloadKey]);
        Assert.Equal("2026-11-16", action.Payload[DigestCardComposer.WeekPayloadKey]);
    }

    [Fact]
    public void Compose_TwoCurrencies_SectionsKeptApart()
    {
        var eur = new WeeklyDigestCurrency("EUR", 70m, 0m, [new DigestLine("service", "BigQuery", 70m, 0m)],
            Enumerable.Range(0, 7).Select(i => new DigestDay(Week.Start.AddDays(i), i == 0 ? 70m : 0m, 0m)).ToArray(), []);

        var card = new DigestCardComposer().Compose(Digest(Usd(), eur));

        Assert.Equal(["USD", "EUR"], card.Blocks.OfType<KeyNumberBlock>().Select(k => k.Value.Currency));
        Assert.Equal(["USD", "EUR"], card.Blocks.OfType<ChartBlock>().Select(c => c.Spec.Currency));
        Assert.Contains("€70.00", card.FallbackText, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_NoSpend_SaysSoWithoutChartOrButton()
    {
        var card = new DigestCardComposer().Compose(Digest());

        Assert.Empty(card.Blocks.OfType<ChartBlock>());
        Assert.Empty(card.Blocks.OfType<ActionsBlock>());
        Assert.Contains("No spend recorded for Payments", card.FallbackText, StringComparison.Ordinal);
    }
}
