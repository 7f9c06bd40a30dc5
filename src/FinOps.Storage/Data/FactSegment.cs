namespace FinOps.Storage.Data;

/// <summary>
/// The daily facts of one segment, column by column: what <see cref="FactSegmentCodec"/> writes to and reads
/// from a <see cref="CostFactSegmentEntity"/> BLOB. Reused from segment to segment (arrays only grow).
/// </summary>
public sealed class FactSegment
{
    public const int IdColumnCount = 16;
    public const int AmountColumnCount = 4;

    public FactSegment(int capacity = 1024)
    {
        Capacity = Math.Max(1, capacity);
        Ids = new int[IdColumnCount][];
        for (var c = 0; c < IdColumnCount; c++)
        {
            Ids[c] = new int[Capacity];
        }

        Amounts = new decimal[AmountColumnCount][];
        for (var c = 0; c < AmountColumnCount; c++)
        {
            Amounts[c] = new decimal[Capacity];
        }

        Rows = new long[Capacity];
    }

    public int Count { get; set; }

    public int Capacity { get; private set; }

    /// <summary>Dictionary ids (0 = no value) and the charge date, indexed by <see cref="FactIdColumn"/>.</summary>
    public int[][] Ids { get; }

    /// <summary>BilledCost, EffectiveCost, ListCost, ContractedCost, indexed by <see cref="FactAmountColumn"/>.</summary>
    public decimal[][] Amounts { get; }

    /// <summary>How many source rows each fact sums.</summary>
    public long[] Rows { get; private set; }

    public int[] this[FactIdColumn column] => Ids[(int)column];

    public decimal[] this[FactAmountColumn column] => Amounts[(int)column];

    /// <summary>Empties the segment and makes room for <paramref name="count"/> facts.</summary>
    public void Reset(int count)
    {
        Count = 0;
        if (count <= Capacity)
        {
            return;
        }

        Capacity = Math.Max(count, Capacity * 2);
        for (var c = 0; c < IdColumnCount; c++)
        {
            Ids[c] = new int[Capacity];
        }

        for (var c = 0; c < AmountColumnCount; c++)
        {
            Amounts[c] = new decimal[Capacity];
        }

        Rows = new long[Capacity];
    }
}
