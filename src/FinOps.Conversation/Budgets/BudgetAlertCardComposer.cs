using System.Globalization;
using FinOps.Conversation.Cards;
using FinOps.Core.Budgets;
using FinOps.Core.Query;

namespace FinOps.Conversation.Budgets;

/// <summary>The budget alert card: limit, actual, forecast and interval, a chart with the budget line, top drivers, "Request increase".</summary>
/// <remarks>
/// The button's action is <see cref="BudgetActions.RequestIncrease"/> with the budget id and the period start (yyyy-MM-dd); the
/// approvals flow handles it. Amounts are in the budget's currency.
/// </remarks>
public static class BudgetAlertCardComposer
{
    public const string CardKind = "budget.alert";

    public static Card Compose(BudgetAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var s = alert.Status;
        var currency = s.Currency;
        var period = BudgetText.PeriodName(s.Period);
        var percent = alert.Threshold.Percent.ToString("0.##", CultureInfo.InvariantCulture);
        var title = alert.Threshold.Kind == BudgetThresholdKind.Actual
            ? $"Budget alert: {alert.TeamName} has spent {percent}% of its {period} budget"
            : $"Budget alert: {alert.TeamName} is forecast to reach {percent}% of its {period} budget";
        var facts = new List<Fact>
        {
            new("Limit", BudgetText.Money(s.EffectiveLimit, currency) + (s.ApprovedIncrease == 0 ? string.Empty : $" (incl. {BudgetText.Money(s.ApprovedIncrease, currency)} approved)")),
            new("Actual to date", s.EffectiveLimit > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{BudgetText.Money(s.Actual, currency)} ({Math.Round(s.Actual / s.EffectiveLimit * 100m, 0, MidpointRounding.AwayFromZero)}%)")
                : BudgetText.Money(s.Actual, currency)),
        };
        if (s.Forecast is { } f)
        {
            facts.Add(new Fact("Forecast", $"{BudgetText.Money(f.Value, currency)} (80% interval {BudgetText.Money(f.Low, currency)} – {BudgetText.Money(f.High, currency)})"));
        }

        facts.Add(new Fact("State", BudgetText.StateName(s.State)));
        var blocks = new List<CardBlock> { new TitleBlock(title), new FactsBlock(facts) };
        if (alert.Progress.Count > 0)
        {
            var points = alert.Progress
                .Select(p => new ChartPoint(p.Bucket.ToString("MMM d", CultureInfo.InvariantCulture), p.Cumulative))
                .ToList();
            blocks.Add(new ChartBlock(
                new ChartSpec($"{alert.TeamName}: spend to date vs budget", currency, points, BudgetLine: s.EffectiveLimit),
                $"Cumulative spend reached {BudgetText.Money(s.Actual, currency)} against a budget of {BudgetText.Money(s.EffectiveLimit, currency)}."));
        }

        if (alert.Drivers.Count > 0)
        {
            blocks.Add(DriversBlock(alert.Drivers, currency));
        }

        blocks.Add(new ActionsBlock([
            new CardAction(
                BudgetActions.RequestIncrease,
                "Request increase",
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [BudgetActions.BudgetIdKey] = s.BudgetId,
                    [BudgetActions.PeriodStartKey] = s.Period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
                ActionStyle.Primary),
        ]));
        blocks.Add(new ContextBlock(
            $"Budget {s.BudgetId}, {BudgetText.MetricName(s.Metric)} in {currency}, {s.Period.Start:yyyy-MM-dd} to {s.Period.End.AddDays(-1):yyyy-MM-dd}; data before {DataDay(s)}."));
        var fallback = $"{title}. {string.Join("; ", facts.Select(f => $"{f.Label}: {f.Value}"))}.";
        return new Card(CardKind, fallback, blocks);
    }

    /// <summary>The top drivers table (service or account, spend to date, change against the same days of the previous period), shared with the approval request card.</summary>
    public static CostTableBlock DriversBlock(IReadOnlyList<BudgetDriver> drivers, string currency)
    {
        ArgumentNullException.ThrowIfNull(drivers);
        return new CostTableBlock(
            "Top drivers (vs the same days of the previous period)",
            [.. drivers.Select(d => new CostTableRow(
                $"{d.Value} ({DimensionName(d.Dimension)})",
                new Money(d.Current, currency),
                Delta.Between(new Money(d.Current, currency), new Money(d.Previous, currency))))]);
    }

    private static string DataDay(BudgetStatus s) =>
        s.Forecast?.DataThrough is { } through ? through.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "today";

    private static string DimensionName(Dimension dimension) => dimension == Dimension.Account ? "account" : dimension.ToString();
}
