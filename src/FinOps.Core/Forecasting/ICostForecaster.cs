namespace FinOps.Core.Forecasting;

/// <summary>
/// The one forecaster behind budgets, digests and the "forecast" question: the metric's total over a period,
/// per billing currency, from the data known before <see cref="ForecastRequest.AsOf"/>.
/// </summary>
public interface ICostForecaster
{
    /// <summary>One forecast per billing currency found for the scope, largest first; empty when nothing matched.</summary>
    Task<IReadOnlyList<CostForecast>> ForecastAsync(ForecastRequest request, CancellationToken cancellationToken);
}
