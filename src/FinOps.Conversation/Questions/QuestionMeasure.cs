namespace FinOps.Conversation.Questions;

/// <summary>What figure a question asks for, on top of its <see cref="QuestionIntent"/>: the amount itself or a figure made from it.</summary>
/// <remarks>
/// Savings follow FOCUS: negotiated-rate savings are ListCost - ContractedCost, commitment savings ContractedCost -
/// EffectiveCost, the effective savings rate (ListCost - EffectiveCost) / ListCost, unused commitment the EffectiveCost
/// of rows whose CommitmentDiscountStatus is <c>Unused</c>.
/// </remarks>
public enum QuestionMeasure
{
    /// <summary>The amount spent.</summary>
    Amount,

    /// <summary>The amount divided by the days of the period ("average daily spend", "daily burn rate").</summary>
    AveragePerDay,

    /// <summary>The average over the period's complete calendar months ("average monthly spend").</summary>
    AveragePerMonth,

    /// <summary>The amount as a share of all spend without the filters that select it ("what share of our spend is Azure").</summary>
    Share,

    /// <summary>Weekday and weekend spend side by side, with the average per day of each.</summary>
    WeekdaysVsWeekends,

    /// <summary>Savings from negotiated rates and commitment discounts.</summary>
    Savings,

    /// <summary>The effective savings rate.</summary>
    SavingsRate,

    /// <summary>Commitment paid for and not used.</summary>
    UnusedCommitment,
}
