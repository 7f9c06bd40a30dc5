namespace FinOps.Conversation.Visibility;

/// <summary>Whose costs a person may ask about.</summary>
public enum VisibilityMode
{
    /// <summary>Anyone the bot accepts (an allowed Slack workspace or Teams tenant) may ask about any team: FinOps transparency.</summary>
    Everyone,

    /// <summary>People see their own teams' costs only; the <c>finance</c> and <c>admin</c> roles see everything.</summary>
    OwnTeams,
}
