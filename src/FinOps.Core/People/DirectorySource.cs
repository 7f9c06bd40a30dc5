using FinOps.Core.Allocation;

namespace FinOps.Core.People;

/// <summary>The directory in force: rebuilt from <see cref="AllocationRuleSource.Current"/> whenever the rules change.</summary>
/// <remarks>
/// The rules source already swaps rules atomically and only for a valid file, so the directory follows the same
/// reload (and the same "invalid edit keeps the previous one") without a second file watcher.
/// </remarks>
public sealed class DirectorySource(AllocationRuleSource rules)
{
    private Built? _built;

    public CompanyDirectory Current
    {
        get
        {
            var current = rules.Current;
            var built = Volatile.Read(ref _built);
            if (built is not null && ReferenceEquals(built.Rules, current))
            {
                return built.Directory;
            }

            var directory = new CompanyDirectory(current);
            Volatile.Write(ref _built, new Built(current, directory));
            return directory;
        }
    }

    private sealed record Built(AllocationRules Rules, CompanyDirectory Directory);
}
