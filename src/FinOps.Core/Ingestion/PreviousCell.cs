namespace FinOps.Core.Ingestion;

/// <summary>
/// The text a column had on the previous row. Exports list rows in runs (the same billing period, day, tags,
/// list price...), so a cell equal to the one above keeps the value parsed then: one vectorised comparison
/// instead of parsing a timestamp, a decimal or a JSON object again.
/// </summary>
internal sealed class PreviousCell
{
    private char[] _text = new char[32];
    private int _length = -1;

    public bool Same(ReadOnlySpan<char> cell) => _length == cell.Length && cell.SequenceEqual(_text.AsSpan(0, _length));

    public void Remember(ReadOnlySpan<char> cell)
    {
        if (cell.Length > _text.Length)
        {
            _text = new char[Math.Max(cell.Length, _text.Length * 2)];
        }

        cell.CopyTo(_text);
        _length = cell.Length;
    }
}
