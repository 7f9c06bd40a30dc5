namespace FinOps.Core.Forecasting;

/// <summary>
/// A period-end forecast in one currency: <see cref="Actual"/> is the total of the known days
/// (up to <see cref="DataThrough"/>, inclusive), <see cref="Value"/> the expected period total, and
/// [<see cref="Low"/>, <see cref="High"/>] its 80% prediction interval.
/// </summary>
public sealed record CostForecast(
    string Currency,
    decimal Actual,
    decimal Value,
    decimal Low,
    decimal High,
    DateOnly? DataThrough);
