namespace FinOps.Conversation.Questions;

/// <summary>A word that matched several values equally well; the user is asked which one was meant.</summary>
/// <param name="Word">The words of the question that matched.</param>
/// <param name="Candidates">The equally good matches, in catalog order.</param>
public sealed record ValueAmbiguity(string Word, IReadOnlyList<ValueMatch> Candidates);
