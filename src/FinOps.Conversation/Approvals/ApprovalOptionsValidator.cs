using System.Globalization;
using FinOps.Core.Approvals;
using Microsoft.Extensions.Options;

namespace FinOps.Conversation.Approvals;

/// <summary>Checks <see cref="ApprovalOptions"/>, naming the setting and echoing the bad value.</summary>
public sealed class ApprovalOptionsValidator : IValidateOptions<ApprovalOptions>
{
    public ValidateOptionsResult Validate(string? name, ApprovalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.RemindAfter <= TimeSpan.Zero)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Approvals:RemindAfter must be positive, not {options.RemindAfter}."));
        }

        if (options.EscalateAfter <= TimeSpan.Zero)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Approvals:EscalateAfter must be positive, not {options.EscalateAfter}."));
        }

        if (options.CheckEvery <= TimeSpan.Zero)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Approvals:CheckEvery must be positive, not {options.CheckEvery}."));
        }

        if (options.FinanceApprovalAbove is < 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Budgets:FinanceApprovalAbove must not be negative, not {options.FinanceApprovalAbove}."));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
