using System.Globalization;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Rendering;
using FinOps.Core.Budgets;
using FinOps.Core.Query;

namespace FinOps.Conversation.Budgets;

/// <summary>How budgets read in chat: amounts, periods, states and the one-line status.</summary>
public static class BudgetText
{
    private static readonly MoneyFormatter Formatter = MoneyFormatter.EnglishUnitedStates;

    public static string Money(decimal amount, string currency) => Formatter.Format(new Money(amount, currency));

    public static string Per(BudgetPeriod period) => period switch
    {
        BudgetPeriod.Month => "a month",
        BudgetPeriod.Quarter => "a quarter",
        _ => "a year",
    };

    public static string MetricName(CostMetric metric) => metric == CostMetric.BilledCost ? "billed cost" : "effective cost";

    public static string StateName(BudgetState state) => state switch
    {
        BudgetState.Over => "over budget",
        BudgetState.AtRisk => "at risk",
        _ => "on track",
    };

    /// <summary>The period as people say it: "November 2026", "Q2 FY2027 (Oct 1 – Dec 31, 2026)".</summary>
    public static string PeriodName(DateRange period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var last = period.End.AddDays(-1);
        return period.Days <= 31
            ? period.Start.ToString("MMMM yyyy", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{period.Start:MMM d, yyyy} – {last:MMM d, yyyy}");
    }

    /// <summary>"**Payments** (November 2026): $18,250.50 of $25,000.00 (73%), forecast $28,100.00 ($26,000.00 – $30,500.25): at risk".</summary>
    public static string StatusLine(string name, BudgetStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var limit = status.EffectiveLimit;
        var share = limit > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({Math.Round(status.Actual / limit * 100m, 0, MidpointRounding.AwayFromZero)}%)") : string.Empty;
        var increase = status.ApprovedIncrease == 0 ? string.Empty : $" (incl. {Money(status.ApprovedIncrease, status.Currency)} approved)";
        var forecast = status.Forecast is { } f
            ? $", forecast {Money(f.Value, status.Currency)} ({Money(f.Low, status.Currency)} – {Money(f.High, status.Currency)})"
            : string.Empty;
        return $"**{name}** ({PeriodName(status.Period)}): {Money(status.Actual, status.Currency)} of {Money(limit, status.Currency)}{increase}{share}{forecast}: {StateName(status.State)}";
    }
}
