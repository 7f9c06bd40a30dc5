using Microsoft.Extensions.Options;

namespace FinOps.Slack.AppHome;

public sealed class SlackHomeRefreshOptionsValidator : IValidateOptions<SlackHomeRefreshOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackHomeRefreshOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.CheckInterval <= TimeSpan.Zero)
        {
            failures.Add($"{SlackHomeRefreshOptions.SectionName}:CheckInterval must be positive (was {options.CheckInterval}).");
        }

        if (options.RecentWithin <= TimeSpan.Zero)
        {
            failures.Add($"{SlackHomeRefreshOptions.SectionName}:RecentWithin must be positive (was {options.RecentWithin}).");
        }

        if (options.MaxUsers is < 0 or > 10_000)
        {
            failures.Add($"{SlackHomeRefreshOptions.SectionName}:MaxUsers must be between 0 and 10000 (was {options.MaxUsers}).");
        }

        if (options.PublishInterval < TimeSpan.Zero)
        {
            failures.Add($"{SlackHomeRefreshOptions.SectionName}:PublishInterval must not be negative (was {options.PublishInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
