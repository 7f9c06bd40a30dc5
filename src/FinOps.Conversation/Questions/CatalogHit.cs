namespace FinOps.Conversation.Questions;

/// <summary>Values matched at one position: how many words matched, how well, and the equally good candidates.</summary>
internal sealed record CatalogHit(int Length, int Score, List<ValueMatch> Candidates);
