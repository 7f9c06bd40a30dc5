namespace FinOps.Core.Digests;

/// <summary>A service or resource with its cost this week and the week before.</summary>
public sealed record DigestLine(string Kind, string Name, decimal Current, decimal Previous)
{
    public decimal Change => Current - Previous;
}
