namespace FinOps.Conversation.Visibility;

/// <summary>A query asked for teams the viewer may not see; the answer becomes a refusal (no numbers).</summary>
public sealed class HiddenTeamsException : Exception
{
    public HiddenTeamsException()
    {
    }

    public HiddenTeamsException(string message)
        : base(message)
    {
    }

    public HiddenTeamsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HiddenTeamsException(IReadOnlyList<string> hiddenTeams)
        : base("Hidden teams: " + string.Join(", ", hiddenTeams))
    {
        HiddenTeams = hiddenTeams;
    }

    public IReadOnlyList<string> HiddenTeams { get; } = [];
}
