namespace FinOps.Storage.Ingestion;

/// <summary>What one sync did for one source.</summary>
/// <param name="Source">The source's name.</param>
/// <param name="Status"><c>ok</c>, <c>rejected</c> (a run was refused; earlier data kept) or <c>failed</c> (the source could not be read).</param>
/// <param name="Imported">Runs imported.</param>
/// <param name="Rejected">Runs refused, with why (<see cref="Errors"/>).</param>
/// <param name="Unchanged">Runs already dealt with (same fingerprint), not read again.</param>
/// <param name="Rows">Source rows imported.</param>
/// <param name="Errors">One line per problem, naming the source and the run or part.</param>
public sealed record SourceSyncResult(string Source, string Status, int Imported, int Rejected, int Unchanged, long Rows, IReadOnlyList<string> Errors);
