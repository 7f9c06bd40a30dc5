using FinOps.Core.Query;

namespace FinOps.Conversation.Questions;

/// <summary>A word of a question resolved to one value of one dimension, as spelled in the store.</summary>
public sealed record ValueMatch(Dimension Dimension, string Value);
