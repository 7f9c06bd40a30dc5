namespace FinOps.Core.Anomalies;

/// <summary>One day of an incident's chart: the actual cost and the band the detector expected it in.</summary>
/// <remarks>
/// <see cref="Expected"/>, <see cref="Lower"/> and <see cref="Upper"/> are the detector's model for that day, learned only from
/// the days before it; they are null on days the model could not judge (too little history, a holiday).
/// </remarks>
public sealed record AnomalyDay(DateOnly Day, decimal Actual, decimal? Expected, decimal? Lower, decimal? Upper);
