namespace FinOps.Core.Freshness;

/// <summary>What a refresh did for one ingestion source.</summary>
/// <param name="Source">The source's name.</param>
/// <param name="Status"><c>ok</c>, <c>rejected</c> (a run was refused; earlier data kept) or <c>failed</c> (the source could not be read).</param>
/// <param name="Imported">Export runs imported.</param>
/// <param name="Unchanged">Export runs already imported, not read again.</param>
/// <param name="Rejected">Export runs refused.</param>
/// <param name="Rows">Rows imported.</param>
/// <param name="Errors">One line per problem, naming the source and the run or part; never a credential.</param>
public sealed record SourceRefresh(string Source, string Status, int Imported, int Unchanged, int Rejected, long Rows, IReadOnlyList<string> Errors);
