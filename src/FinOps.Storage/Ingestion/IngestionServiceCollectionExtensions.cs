using FinOps.Core.Freshness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FinOps.Storage.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <c>Ingestion:Sources</c> (bound and validated at start-up), <see cref="IngestionSync"/> its freshness as <see cref="IDataFreshness"/> and the chat's refresh as <see cref="IDataRefresh"/>; the host schedules
    /// the syncs. Needs <see cref="StorageServiceCollectionExtensions.AddStorage"/>.
    /// </summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngestionOptions>, IngestionOptionsValidator>());
        services.TryAddSingleton<IngestionSync>();
        services.TryAddSingleton<IDataFreshness, IngestionFreshnessReader>();
        services.TryAddSingleton<IDataRefresh, IngestionRefresher>();
        return services;
    }
}
