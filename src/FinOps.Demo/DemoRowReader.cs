using System.Collections;
using System.Collections.ObjectModel;
using System.Data.Common;

namespace FinOps.Demo;

/// <summary>Presents the generator's rows as a forward-only <see cref="DbDataReader"/> for Sylvan's CSV writer.</summary>
internal sealed class DemoRowReader : DbDataReader, IDbColumnSchemaGenerator
{
    private readonly DemoRow row;
    private readonly IEnumerator<bool> rows;
    private readonly CancellationToken cancellationToken;
    private bool closed;

    public DemoRowReader(DemoRow row, IEnumerable<bool> rows, CancellationToken cancellationToken)
    {
        this.row = row;
        this.rows = rows.GetEnumerator();
        this.cancellationToken = cancellationToken;
    }

    public long RowCount { get; private set; }

    public override int FieldCount => FocusDemoColumns.Names.Count;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override int RecordsAffected => -1;

    public override bool HasRows => true;

    public override bool IsClosed => closed;

    public override int Depth => 0;

    public override bool Read()
    {
        if ((RowCount & 0xFFF) == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (closed || !rows.MoveNext())
        {
            return false;
        }

        RowCount++;
        return true;
    }

    public override bool NextResult() => false;

    public ReadOnlyCollection<DbColumn> GetColumnSchema() =>
        new(Enumerable.Range(0, FieldCount).Select(i => (DbColumn)new Column(i, GetName(i), GetFieldType(i))).ToList());

    public override void Close()
    {
        closed = true;
        rows.Dispose();
    }

    public override string GetName(int ordinal) => FocusDemoColumns.Names[ordinal];

    public override int GetOrdinal(string name)
    {
        for (var i = 0; i < FocusDemoColumns.Names.Count; i++)
        {
            if (string.Equals(FocusDemoColumns.Names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(name), name, "No such column.");
    }

    public override Type GetFieldType(int ordinal) => FocusDemoColumns.IsDecimal(ordinal) ? typeof(decimal) : typeof(string);

    public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal).Name;

    public override bool IsDBNull(int ordinal) =>
        FocusDemoColumns.IsDecimal(ordinal) ? !row.HasNumber[ordinal] : row.Text[ordinal] is null;

    public override string GetString(int ordinal) =>
        row.Text[ordinal] ?? throw new InvalidCastException($"Column {GetName(ordinal)} is null.");

    public override decimal GetDecimal(int ordinal) =>
        row.HasNumber[ordinal] ? row.Numbers[ordinal] : throw new InvalidCastException($"Column {GetName(ordinal)} is null.");

    public override object GetValue(int ordinal)
    {
        if (IsDBNull(ordinal))
        {
            return DBNull.Value;
        }

        return FocusDemoColumns.IsDecimal(ordinal) ? row.Numbers[ordinal] : row.Text[ordinal]!;
    }

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }

        return count;
    }

    public override double GetDouble(int ordinal) => (double)GetDecimal(ordinal);

    public override float GetFloat(int ordinal) => (float)GetDecimal(ordinal);

    public override bool GetBoolean(int ordinal) => throw Unsupported(ordinal);

    public override byte GetByte(int ordinal) => throw Unsupported(ordinal);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw Unsupported(ordinal);

    public override char GetChar(int ordinal) => throw Unsupported(ordinal);

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null)
        {
            return text.Length;
        }

        var count = (int)Math.Max(0, Math.Min(length, text.Length - dataOffset));
        text.CopyTo((int)dataOffset, buffer, bufferOffset, count);
        return count;
    }

    public override DateTime GetDateTime(int ordinal) => throw Unsupported(ordinal);

    public override Guid GetGuid(int ordinal) => throw Unsupported(ordinal);

    public override short GetInt16(int ordinal) => throw Unsupported(ordinal);

    public override int GetInt32(int ordinal) => throw Unsupported(ordinal);

    public override long GetInt64(int ordinal) => throw Unsupported(ordinal);

    public override IEnumerator GetEnumerator() => new DbEnumerator(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }

    private NotSupportedException Unsupported(int ordinal) =>
        new($"Column {GetName(ordinal)} is a {GetFieldType(ordinal).Name}.");

    private sealed class Column : DbColumn
    {
        public Column(int ordinal, string name, Type type)
        {
            ColumnOrdinal = ordinal;
            ColumnName = name;
            DataType = type;
            DataTypeName = type.Name;
            AllowDBNull = true;
        }
    }
}
