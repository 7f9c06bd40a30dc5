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

    /// <summary>Like <see cref="Read(string, CancellationToken)"/>, leaving out the columns <paramref name="options"/> skip.</summary>
    /// <remarks>A reader that cannot project returns every column, which is always correct.</remarks>
    IEnumerable<FocusRecord> Read(string path, FocusReadOptions options, CancellationToken cancellationToken) => Read(path, cancellationToken);
}
