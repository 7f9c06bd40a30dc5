using System.Globalization;

namespace FinOps.Core.Budgets;

/// <summary>One alert threshold: <see cref="Percent"/> of the effective limit reached by the actual or the forecast.</summary>
/// <remarks><see cref="Key"/> (<c>actual-80</c>, <c>forecast-100</c>) names the threshold in idempotency keys and logs.</remarks>
public sealed record BudgetThreshold(BudgetThresholdKind Kind, decimal Percent)
{
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{(Kind == BudgetThresholdKind.Actual ? "actual" : "forecast")}-{Percent:0.##}");

    /// <summary>True when <paramref name="status"/> has reached this threshold (the forecast ones need a forecast).</summary>
    public bool IsReachedBy(BudgetStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.EffectiveLimit <= 0)
        {
            return false;
        }

        var value = Kind == BudgetThresholdKind.Actual ? status.Actual : status.Forecast?.Value;
        return value is { } v && v >= status.EffectiveLimit * Percent / 100m;
    }

    public override string ToString() => Key;
}
