using FinOps.Core.Query;

namespace FinOps.Core.Forecasting;

/// <summary>
/// What to forecast: <see cref="Scope"/>'s metric and filters (its period is ignored) summed over
/// <see cref="Period"/>, judged as of the morning of <see cref="AsOf"/>: days before it are known, the day
/// itself and later are not (a partial current day is never used).
/// </summary>
public sealed record ForecastRequest(CostQuery Scope, DateRange Period, DateOnly AsOf);
