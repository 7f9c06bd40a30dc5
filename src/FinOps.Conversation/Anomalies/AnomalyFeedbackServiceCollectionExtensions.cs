using FinOps.Conversation.Messaging;
using FinOps.Core.Anomalies;
using FinOps.Core.People;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace FinOps.Conversation.Anomalies;

/// <summary>Registration of the anomaly feedback buttons and the precision question; called by <c>AddConversation</c>.</summary>
public static class AnomalyFeedbackServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>anomaly.</c> buttons and "how accurate are anomaly alerts?". The store is the storage layer's when
    /// registered (else in memory); incidents are looked up by replaying the detector over the cost store.
    /// </summary>
    public static IServiceCollection AddAnomalyFeedback(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AnomalyOptions>();
        services.TryAddSingleton<IAnomalyFeedbackStore, InMemoryAnomalyFeedbackStore>();
        services.TryAddSingleton<IAnomalyIncidentLookup, ReplayIncidentLookup>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, AnomalyFeedbackActionHandler>(sp => new AnomalyFeedbackActionHandler(
            sp.GetRequiredService<IAnomalyFeedbackStore>(),
            sp.GetRequiredService<PersonResolver>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AnomalyFeedbackActionHandler>>(),
            sp.GetService<IAnomalyIncidentLookup>(),
            sp.GetService<IAnomalyAlertStore>(),
            sp.GetService<IAnomalyCardUpdater>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationCommand, AnomalyPrecisionCommand>());
        return services;
    }
}
