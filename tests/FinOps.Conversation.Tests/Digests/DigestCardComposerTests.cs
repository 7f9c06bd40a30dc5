using FinOps.Conversation.Cards;
using FinOps.Conversation.Digests;
using FinOps.Core.Digests;
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
