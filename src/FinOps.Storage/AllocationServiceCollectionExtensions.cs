using FinOps.Core.Allocation;
using FinOps.Core.People;
using FinOps.Core.Query;
using FinOps.Storage.Allocation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FinOps.Storage;

public static class AllocationServiceCollectionExtensions
{
    /// <summary>
    /// Registers rule-based allocation (section <c>Allocation</c>): <see cref="AllocationRuleSource"/>,
    /// <see cref="AllocationReloader"/>, <see cref="AllocationService"/>, the company <see cref="DirectorySource"/> (people,
    /// roles and channels from the same file) and <see cref="RuleBasedTeamAssignment"/> as the
    /// <see cref="ITeamAssignment"/> (replacing the tag-only default, whether called before or after <c>AddStorage</c>).
    /// The rules file is loaded when the rules are first read; a hosted service may call
    /// <see cref="AllocationReloader.Reload"/> periodically to pick up edits.
    /// </summary>
    public static IServiceCollection AddAllocation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AllocationOptions>().BindConfiguration(AllocationOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AllocationOptions>, AllocationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AllocationRuleSource(null, () => sp.GetRequiredService<AllocationReloader>().EnsureLoaded()));
        services.TryAddSingleton<AllocationReloader>();
        services.TryAddSingleton<DirectorySource>();
        services.TryAddSingleton<AllocationService>();
        services.Replace(ServiceDescriptor.Singleton<ITeamAssignment>(sp => new RuleBasedTeamAssignment(sp.GetRequiredService<AllocationRuleSource>())));
        return services;
    }
}
