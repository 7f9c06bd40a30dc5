namespace FinOps.Demo;

/// <summary>The one mutable row the generator fills and the CSV writer reads, reused for every row.</summary>
internal sealed class DemoRow
{
    public string?[] Text { get; } = new string?[FocusDemoColumns.Names.Count];

    public decimal[] Numbers { get; } = new decimal[FocusDemoColumns.Names.Count];

    public bool[] HasNumber { get; } = new bool[FocusDemoColumns.Names.Count];

    public void Clear()
    {
        Array.Clear(Text);
        Array.Clear(HasNumber);
    }

    public void Set(int ordinal, decimal value)
    {
        Numbers[ordinal] = value;
        HasNumber[ordinal] = true;
    }

    public void Set(int ordinal, string? value) => Text[ordinal] = value;
}
