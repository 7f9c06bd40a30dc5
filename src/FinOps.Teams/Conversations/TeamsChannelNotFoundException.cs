namespace FinOps.Teams.Conversations;

/// <summary>A post to a Teams channel that is not known (by that id or name) in any team the bot is installed in.</summary>
public sealed class TeamsChannelNotFoundException : InvalidOperationException
{
    public TeamsChannelNotFoundException()
    {
    }

    public TeamsChannelNotFoundException(string message)
        : base(message)
    {
    }

    public TeamsChannelNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TeamsChannelNotFoundException(TeamsChannelResolution resolution)
        : base(resolution?.Problem)
    {
        Requested = resolution?.Requested;
    }

    /// <summary>The channel id or name that was asked for.</summary>
    public string? Requested { get; }
}
