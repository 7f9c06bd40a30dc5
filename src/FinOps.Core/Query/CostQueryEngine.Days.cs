namespace FinOps.Core.Query;

public sealed partial class CostQueryEngine
{
    /// <summary>The day-of-week and commitment-status masks of <paramref name="query"/>; null masks keep every fact.</summary>
    private void PlanDaysAndStatus(CostQuery query, QueryPlan plan)
    {
        if (query.Days != DayFilter.All)
        {
            var weekend = query.Days == DayFilter.Weekends;
            plan.DayOfWeekFilter = Enumerable.Range(0, 7)
                .Select(d => ((DayOfWeek)d is DayOfWeek.Saturday or DayOfWeek.Sunday) == weekend)
                .ToArray();
        }

        if (query.CommitmentDiscountStatus is { } status)
        {
            plan.StatusFilter = Cube.CommitmentStatusValues
                .Select((v, code) => code != 0 && string.Equals(v.Trim(), status.Trim(), StringComparison.OrdinalIgnoreCase))
                .ToArray();
        }
    }
}
