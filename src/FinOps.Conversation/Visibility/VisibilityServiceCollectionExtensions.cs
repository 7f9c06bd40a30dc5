using FinOps.Conversation.Messaging;
using FinOps.Core.Allocation;
using FinOps.Core.People;
using FinOps.Core.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Conversation.Visibility;

/// <summary>Registration of person recognition and visibility; called by <c>AddConversation</c>.</summary>
internal static class VisibilityServiceCollectionExtensions
{
    public static IServiceCollection AddVisibility(this IServiceCollection services)
    {
        services.AddOptions<VisibilityOptions>().BindConfiguration(VisibilityOptions.SectionName).ValidateOnStart();
        services.AddOptions<DirectoryOptions>().BindConfiguration(DirectoryOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DirectoryOptions>, DirectoryOptionsValidator>());
        // Without the storage layer's rules (unit hosts), the directory is empty: the built-in default rules list no one.
        services.TryAddSingleton(sp => new DirectorySource(sp.GetService<AllocationRuleSource>() ?? new AllocationRuleSource()));
        services.TryAddSingleton(sp => new PersonResolver(
            sp.GetRequiredService<DirectorySource>(),
            sp.GetServices<IChannelIdentityLookup>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<DirectoryOptions>>().Value));
        services.TryAddSingleton<ConversationService>();
        services.TryAddSingleton<IConversationService>(sp => new VisibilityConversationService(
            sp.GetRequiredService<ConversationService>(),
            sp.GetRequiredService<PersonResolver>(),
            sp.GetRequiredService<IOptionsMonitor<VisibilityOptions>>(),
            sp.GetRequiredService<ILogger<VisibilityConversationService>>()));
        return services;
    }

    /// <summary>The cost queries an answer runs, narrowed to the asker's teams (a pass-through outside answers).</summary>
    public static ICostQueryService VisibleCosts(this IServiceProvider services) =>
        new VisibleCostQueryService(services.GetRequiredService<ICostQueryService>());
}
