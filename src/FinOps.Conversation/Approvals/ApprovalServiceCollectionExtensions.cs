using FinOps.Conversation.Messaging;
using FinOps.Core.Approvals;
using FinOps.Core.Budgets;
using FinOps.Core.Calendar;
using FinOps.Core.People;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Conversation.Approvals;

/// <summary>Registration of the overrun approval flow; called by <c>AddConversation</c>.</summary>
public static class ApprovalServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ApprovalService"/>, <see cref="ApprovalTimers"/>, the <c>approval.</c> buttons and the chat command.
    /// Sections: <c>Approvals</c> and <c>Budgets:FinanceApprovalAbove</c>. The store is the storage layer's when registered
    /// (else in memory); the budgets are the <see cref="IBudgetStatusService"/> when registered (else none).
    /// </summary>
    public static IServiceCollection AddApprovals(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApprovalOptions>()
            .BindConfiguration(ApprovalOptions.SectionName)
            .Configure<IConfiguration>((options, config) =>
            {
                // The threshold belongs to budgets (Budgets:FinanceApprovalAbove, with the budgets' default when unset), so
                // the budget card's approver list and the approval flow always agree.
                options.FinanceApprovalAbove = config.GetSection(BudgetOptions.SectionName).GetValue<decimal?>(nameof(BudgetOptions.FinanceApprovalAbove))
                    ?? new BudgetOptions().FinanceApprovalAbove;
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApprovalOptions>, ApprovalOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InMemoryApprovalStore>();
        services.TryAddSingleton<IApprovalStore>(sp => sp.GetRequiredService<InMemoryApprovalStore>());
        services.TryAddSingleton<IApprovalAddressBook, DirectoryAddressBook>();
        services.TryAddSingleton(sp => new ApprovalPolicy(sp.GetRequiredService<IOptions<ApprovalOptions>>().Value));
        services.TryAddSingleton<IApprovalNotifier>(sp => new ApprovalCardNotifier(
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<IApprovalStore>(),
            sp.GetRequiredService<IApprovalAddressBook>(),
            sp.GetRequiredService<ILogger<ApprovalCardNotifier>>(),
            sp.GetService<IBudgetStatusService>(),
            sp.GetRequiredService<ApprovalPolicy>(),
            sp.GetRequiredService<DirectorySource>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ApprovalService(
            sp.GetRequiredService<IApprovalStore>(),
            Budgets(sp),
            sp.GetRequiredService<DirectorySource>(),
            sp.GetRequiredService<ApprovalPolicy>(),
            sp.GetRequiredService<IApprovalNotifier>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ApprovalTimers(
            sp.GetRequiredService<IApprovalStore>(),
            sp.GetRequiredService<DirectorySource>(),
            sp.GetRequiredService<ApprovalPolicy>(),
            sp.GetRequiredService<IApprovalNotifier>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, ApprovalActionHandler>(sp => new ApprovalActionHandler(
            sp.GetRequiredService<ApprovalService>(), sp.GetRequiredService<IApprovalStore>(), Budgets(sp), sp.GetRequiredService<PersonResolver>(), sp.GetRequiredService<TimeProvider>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationCommand, ApprovalCommand>(sp => new ApprovalCommand(
            sp.GetRequiredService<ApprovalService>(),
            sp.GetRequiredService<IApprovalStore>(),
            Budgets(sp),
            sp.GetRequiredService<PersonResolver>(),
            sp.GetRequiredService<CostCalendar>(),
            sp.GetRequiredService<TimeProvider>())));
        return services;
    }

    // Resolved at first use, so the budget service may be registered after approvals (or not at all in a unit host).
    private static IBudgetStatusService Budgets(IServiceProvider services) => services.GetService<IBudgetStatusService>() ?? NoBudgets.Instance;
}
