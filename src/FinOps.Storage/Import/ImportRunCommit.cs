using Microsoft.Data.Sqlite;

namespace FinOps.Storage.Import;

/// <summary>An export run whose parts are all in, just before its transaction commits: what the caller writes here commits with the data.</summary>
/// <param name="Connection">The import's connection.</param>
/// <param name="Transaction">The import's write transaction.</param>
/// <param name="Parts">What happened to each part (all imported).</param>
/// <param name="LastDays">The latest charge day the run stored, per billing slice.</param>
internal sealed record ImportRunCommit(SqliteConnection Connection, SqliteTransaction Transaction, IReadOnlyList<FileImportResult> Parts, IReadOnlyList<SliceLastDay> LastDays);
