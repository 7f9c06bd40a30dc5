namespace FinOps.Conversation.Questions;

/// <summary>A word that would change the answer but that the bot cannot apply; the answer asks back instead of dropping it.</summary>
/// <param name="Word">The words as typed ("median", "per employee").</param>
/// <param name="Reason">Why it cannot be applied, completing "I can't apply "median": ...".</param>
/// <param name="Instead">Questions the bot can answer instead, best first (may be empty).</param>
public sealed record UnappliedWord(string Word, string Reason, IReadOnlyList<string> Instead);
