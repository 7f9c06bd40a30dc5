namespace FinOps.Conversation.Questions;

/// <summary>What a cost question asks for.</summary>
public enum QuestionIntent
{
    /// <summary>The question could not be understood.</summary>
    Unknown,

    /// <summary>One number: how much was spent.</summary>
    Total,

    /// <summary>The spend split by one or two dimensions.</summary>
    Breakdown,

    /// <summary>The largest N values of a dimension.</summary>
    Top,

    /// <summary>Spend over time in day, week or month buckets.</summary>
    Trend,

    /// <summary>Two periods side by side.</summary>
    Compare,

    /// <summary>Why spend changed: which team, service or resource explains the delta.</summary>
    Drivers,

    /// <summary>A run-rate forecast to the end of the period.</summary>
    Forecast,

    /// <summary>Cost that allocation could not give to a team.</summary>
    Unallocated,

    /// <summary>When the data was last imported and what it covers.</summary>
    Freshness,

    /// <summary>What the bot can answer.</summary>
    Help,

    /// <summary>Cost divided by a business metric ("cost per 1,000 orders"); see <see cref="ParsedQuestion.UnitCost"/>.</summary>
    UnitCost,
}
