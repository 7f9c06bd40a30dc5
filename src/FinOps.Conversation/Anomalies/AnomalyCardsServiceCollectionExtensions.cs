using FinOps.Core.Anomalies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FinOps.Conversation.Anomalies;

/// <summary>Registration of anomaly alert card state and in-place updates; called by <c>AddConversation</c>.</summary>
public static class AnomalyCardsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IAnomalyCardUpdater"/> and, unless the storage layer registers the durable one, an in-memory
    /// <see cref="IAnomalyAlertStore"/>.
    /// </summary>
    public static IServiceCollection AddAnomalyCards(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IAnomalyAlertStore, InMemoryAnomalyAlertStore>();
        services.TryAddSingleton<AnomalyCardUpdater>();
        services.TryAddSingleton<IAnomalyCardUpdater>(sp => sp.GetRequiredService<AnomalyCardUpdater>());
        return services;
    }
}
