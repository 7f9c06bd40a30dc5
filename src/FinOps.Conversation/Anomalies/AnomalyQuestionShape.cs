namespace FinOps.Conversation.Anomalies;

/// <summary>The three anomaly questions.</summary>
public enum AnomalyQuestionShape
{
    /// <summary>"any anomalies this week?", "anomalies last week", "any cost spikes today?": incidents on the days of a period.</summary>
    List,

    /// <summary>"open anomalies for payments": incidents still going on.</summary>
    Open,

    /// <summary>"why did storage spike yesterday?": the incident that explains it, or plainly that there was none.</summary>
    Why,
}
