using FinOps.Core.Budgets;

namespace FinOps.Conversation.Approvals;

/// <summary>Amounts as people type them in a request: "+$2,000", "2k", "1500.50 EUR", "€ 300".</summary>
public static class ApprovalText
{
    /// <summary>
    /// The amount and the currency it names (null when none), or false when <paramref name="text"/> is not an amount; read
    /// like a budget amount (<see cref="BudgetAmount"/>), with the "+" of "request +$2,000" allowed in front.
    /// </summary>
    public static bool TryParseAmount(string? text, out decimal amount, out string? currency) =>
        BudgetAmount.TryRead(text?.Trim().TrimStart('+'), out amount, out currency);
}
