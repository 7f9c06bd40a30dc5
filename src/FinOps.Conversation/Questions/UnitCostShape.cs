namespace FinOps.Conversation.Questions;

/// <summary>How a unit-cost answer is laid out.</summary>
public enum UnitCostShape
{
    /// <summary>One unit cost for the period, with the like-for-like period before as context.</summary>
    Total,

    /// <summary>The unit cost of each month (or week, day) of the period.</summary>
    Trend,

    /// <summary>Two named periods side by side ("this month vs last month").</summary>
    Compare,
}
