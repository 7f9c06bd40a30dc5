using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FinOps.Bot.Scheduling;

/// <summary>Registers <see cref="StaleExportAlertPublisher"/>; the ingestion jobs run it after each sync.</summary>
public static class StaleExportAlertsServiceCollectionExtensions
{
    public static IServiceCollection AddStaleExportAlerts(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddScoped<BudgetAlertRecipients>();
        services.TryAddScoped<StaleExportAlertPublisher>();
        return services;
    }
}
