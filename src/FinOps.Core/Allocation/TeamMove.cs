namespace FinOps.Core.Allocation;

/// <summary>A team's cost over the affected period before and after a rule change.</summary>
public sealed record TeamMove(string Team, string Currency, decimal Before, decimal After)
{
    public decimal Change => After - Before;
}
