namespace FinOps.Conversation.Questions;

/// <summary>Values matched at one position: how many words matched, how well, and the equally good candidates.</summary>
/// <remarks>
/// <see cref="Distance"/> is the edit distance of a typo match, 0 otherwise. <see cref="AllOf"/> means the words name
/// all the candidates together (a place: "Virginia" is several regions), so they are all filtered on, not asked about.
/// </remarks>
internal sealed record CatalogHit(int Length, int Score, List<ValueMatch> Candidates, int Distance = 0)
{
    public bool AllOf { get; init; }

    /// <summary>The words are a generic name ("VMs") for one kind of service of each provider: all of them, narrowed by a named provider.</summary>
    public bool Generic { get; init; }
}
