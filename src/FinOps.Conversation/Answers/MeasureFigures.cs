namespace FinOps.Conversation.Answers;

/// <summary>The figures behind an average, a share or a savings answer, written in <c>ask --json</c> as <c>answer.&lt;Name&gt;</c>.</summary>
/// <param name="Name">"average", "share", "savings" or "days".</param>
/// <param name="Values">Figure name to value ("total", "days", "effectiveSavingsRate"); rates are fractions (0.25 = 25%).</param>
/// <remarks>Every figure comes from query results.</remarks>
public sealed record MeasureFigures(string Name, IReadOnlyList<KeyValuePair<string, decimal?>> Values);
