using System.Buffers.Text;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FinOps.Storage.Data;

/// <summary>
/// A prepared statement driven through SQLitePCL directly, with parameters bound by position. Used for
/// segment writes, the snapshot load and the conversion of row facts: Microsoft.Data.Sqlite resolves every parameter
/// by name and boxes every value, and reading a BLOB through it copies it into a new array.
/// Runs on the connection (and so inside the transaction) it is created from.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, ReadOnlySpan<byte> blob) => Check(raw.sqlite3_bind_blob(_statement, index, blob));

    /// <summary>Runs a statement that returns no rows and resets it for the next use.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }
    }

    /// <summary>Advances to the next row; false at the end.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }

        return false;
    }

    public int Int32(int column) => raw.sqlite3_column_int(_statement, column);

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    /// <summary>A BLOB column's bytes, valid until the next <see cref="Step"/>.</summary>
    public ReadOnlySpan<byte> Blob(int column) => raw.sqlite3_column_blob(_statement, column);

    /// <summary>An integer column where NULL reads as 0 (no dictionary value).</summary>
    public int RefOrZero(int column) =>
        raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL ? 0 : raw.sqlite3_column_int(_statement, column);

    /// <summary>A decimal stored as TEXT, parsed from its UTF-8 bytes without allocating.</summary>
    public decimal Decimal(int column)
    {
        var bytes = raw.sqlite3_column_blob(_statement, column);
        if (Utf8Parser.TryParse(bytes, out decimal value, out var consumed) && consumed == bytes.Length)
        {
            return value;
        }

        // Anything the fast parser does not take (exponent forms written by other tools) goes the slow way.
        return decimal.Parse(System.Text.Encoding.UTF8.GetString(bytes), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
