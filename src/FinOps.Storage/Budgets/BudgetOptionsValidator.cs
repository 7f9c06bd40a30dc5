using System.Globalization;
using FinOps.Core.Budgets;
using Microsoft.Extensions.Options;

namespace FinOps.Storage.Budgets;

/// <summary>Checks the <c>Budgets</c> section, naming each setting and its bad value.</summary>
public sealed class BudgetOptionsValidator : IValidateOptions<BudgetOptions>
{
    public ValidateOptionsResult Validate(string? name, BudgetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.FinanceApprovalAbove < 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Budgets:FinanceApprovalAbove must be 0 or more, got {options.FinanceApprovalAbove}."));
        }

        var currency = options.DefaultCurrency?.Trim() ?? string.Empty;
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetter))
        {
            problems.Add($"Budgets:DefaultCurrency must be an ISO 4217 code such as USD, got '{options.DefaultCurrency}'.");
        }

        if (options.ImportCheckInterval < TimeSpan.FromSeconds(10))
        {
            problems.Add($"Budgets:ImportCheckInterval must be at least 00:00:10, got '{options.ImportCheckInterval}'.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
