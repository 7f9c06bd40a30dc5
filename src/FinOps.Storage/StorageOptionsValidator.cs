using System.Globalization;
using Microsoft.Extensions.Options;

namespace FinOps.Storage;

/// <summary>Checks <see cref="StorageOptions"/>: every problem at once, each naming its setting and echoing the bad value.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"Storage:Provider must be Sqlite or PostgreSql, not '{options.Provider}'.");
        }
        else if (options.Provider == StorageProvider.PostgreSql)
        {
            if (PostgreSql.PostgreSqlConnection.Problem(options.ConnectionString) is { } problem)
            {
                failures.Add(problem);
            }
        }
        else if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            failures.Add($"Storage:DatabasePath must name a file, not '{options.DatabasePath}'.");
        }
        else if (string.Equals(Path.GetFullPath(options.EffectiveQueueDatabasePath), Path.GetFullPath(options.DatabasePath), StringComparison.Ordinal))
        {
            failures.Add($"Storage:QueueDatabasePath must name another file than Storage:DatabasePath (imports lock the cost store), not '{options.EffectiveQueueDatabasePath}'.");
        }

        if (options.ImportLockTimeout < TimeSpan.Zero)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Storage:ImportLockTimeout must not be negative, not {options.ImportLockTimeout:c}."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
