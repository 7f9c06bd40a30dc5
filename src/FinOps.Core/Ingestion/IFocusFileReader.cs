using FinOps.Core.Focus;

namespace FinOps.Core.Ingestion;

/// <summary>Reads FOCUS exports: CSV (plain or .gz) and Parquet, any FOCUS version through one alias table.</summary>
public interface IFocusFileReader
{
    /// <summary>
    /// Streams the rows of one file. Throws <see cref="FocusFormatException"/> when the file is not FOCUS
    /// (at the header) or a row cannot be read (at that row); callers keep all-or-nothing per file.
    /// </summary>
    IEnumerable<FocusRecord> Read(string path, CancellationToken cancellationToken);
}
