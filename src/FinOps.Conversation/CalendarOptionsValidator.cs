using System.Globalization;
using FinOps.Core.Calendar;
using Microsoft.Extensions.Options;

namespace FinOps.Conversation;

/// <summary>Checks <see cref="CalendarOptions"/>, echoing the bad value.</summary>
public sealed class CalendarOptionsValidator : IValidateOptions<CalendarOptions>
{
    public ValidateOptionsResult Validate(string? name, CalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.FiscalYearStartMonth is >= 1 and <= 12
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture, $"Calendar:FiscalYearStartMonth must be 1 to 12, not {options.FiscalYearStartMonth}."));
    }
}
