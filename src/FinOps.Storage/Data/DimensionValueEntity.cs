namespace FinOps.Storage.Data;

/// <summary>One distinct string of any dimension (service names, resource ids, currencies, ...); facts point at it.</summary>
public sealed class DimensionValueEntity
{
    public int Id { get; set; }

    public required string Value { get; set; }
}
