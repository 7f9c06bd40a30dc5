using FinOps.Core.UnitEconomics;
using FinOps.Storage.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FinOps.Storage;

public static class BusinessMetricsServiceCollectionExtensions
{
    /// <summary>
    /// Registers business metrics (section <c>Metrics</c>): <see cref="BusinessMetricImporter"/>,
    /// <see cref="BusinessMetricFolder"/> and <see cref="SqliteBusinessMetrics"/> as <see cref="IBusinessMetrics"/>.
    /// Needs <c>AddStorage</c>; a hosted service may call <see cref="BusinessMetricFolder.ScanAsync"/> periodically.
    /// </summary>
    public static IServiceCollection AddBusinessMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BusinessMetricsOptions>().BindConfiguration(BusinessMetricsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BusinessMetricsOptions>, BusinessMetricsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BusinessMetricImporter>();
        services.TryAddSingleton<BusinessMetricFolder>();
        services.TryAddSingleton<IBusinessMetrics, SqliteBusinessMetrics>();
        return services;
    }
}
