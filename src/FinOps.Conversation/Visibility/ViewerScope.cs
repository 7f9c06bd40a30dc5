namespace FinOps.Conversation.Visibility;

/// <summary>The teams the person being answered may see, for the duration of one answer.</summary>
/// <remarks>
/// Set by <see cref="VisibilityConversationService"/> around one message or click and read by
/// <see cref="VisibleCostQueryService"/> under every query that answer runs (questions, drivers, digests). It flows with
/// the async call (an <see cref="AsyncLocal{T}"/>), so the question and digest code need no viewer parameter and the
/// scheduled digests, which run outside any answer, are not narrowed.
/// </remarks>
public sealed class ViewerScope
{
    private static readonly AsyncLocal<ViewerScope?> Ambient = new();

    public ViewerScope(IReadOnlyCollection<string> allowedTeams, string reason)
    {
        ArgumentNullException.ThrowIfNull(allowedTeams);
        AllowedTeams = new HashSet<string>(allowedTeams, StringComparer.OrdinalIgnoreCase);
        Reason = reason;
    }

    /// <summary>The scope of the answer being composed now, or null (no restriction).</summary>
    public static ViewerScope? Current => Ambient.Value;

    /// <summary>Team keys the viewer may see.</summary>
    public IReadOnlySet<string> AllowedTeams { get; }

    /// <summary>Why the viewer sees only these teams, for the refusal and the note.</summary>
    public string Reason { get; }

    /// <summary>Set when a query without a team filter was narrowed to <see cref="AllowedTeams"/>.</summary>
    public bool Narrowed { get; internal set; }

    /// <summary>Makes <paramref name="scope"/> current until the returned handle is disposed.</summary>
    public static IDisposable Enter(ViewerScope scope)
    {
        var previous = Ambient.Value;
        Ambient.Value = scope;
        return new Restore(previous);
    }

    private sealed class Restore(ViewerScope? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
