namespace FinOps.Conversation.Answers;

/// <summary>One choice of a question asked back: a question to ask instead, or a query to run.</summary>
/// <param name="Label">What the button says.</param>
/// <param name="Question">The question the choice asks, when it is one.</param>
/// <param name="QueryJson">The query object (as in <c>ask --json</c>) the choice runs, when it is one.</param>
public sealed record ClarifyOption(string Label, string? Question, string? QueryJson);
