using FinOps.Conversation.Messaging;
using FinOps.Core.Digests;
using FinOps.Core.Allocation;
using FinOps.Core.People;
using FinOps.Conversation.Visibility;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FinOps.Conversation.Digests;

/// <summary>Registers the weekly digest: builder, card composer, the "weekly digest" command and the <c>digest.</c> buttons.</summary>
public static class DigestServiceCollectionExtensions
{
    /// <summary>
    /// Needs an <c>ICostQueryService</c> and an <c>AllocationRuleSource</c> (the storage layer's <c>AddAllocation</c>): the
    /// teams come from the company directory in the rules file unless an <see cref="ITeamDirectory"/> is registered first.
    /// Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddDigests(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        // Without the storage layer's rules (unit hosts), the directory is empty: the built-in default rules list no one.
        services.TryAddSingleton(sp => new DirectorySource(sp.GetService<AllocationRuleSource>() ?? new AllocationRuleSource()));
        services.TryAddSingleton<ITeamDirectory, RulesTeamDirectory>();
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<WeeklyDigestBuilder>(sp, sp.VisibleCosts()));
        services.TryAddSingleton<DigestCardComposer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationCommand, WeeklyDigestCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, DigestActionHandler>(sp => ActivatorUtilities.CreateInstance<DigestActionHandler>(sp, sp.VisibleCosts())));
        return services;
    }
}
