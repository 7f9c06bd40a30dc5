using FinOps.Conversation;
using FinOps.Core.Anomalies;
using FinOps.Core.Ingestion;
using FinOps.Storage;
using FinOps.Storage.Allocation;
using FinOps.Storage.Ingestion;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Hosting;

/// <summary>The services every entry point shares: the web host and the CLI verbs.</summary>
public static class BotServices
{
    public static IServiceCollection AddFinOpsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        // Calendar options are bound and validated by AddConversation.
        services.AddOptions<DemoSeedOptions>().BindConfiguration(DemoSeedOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DemoSeedOptions>, DemoSeedOptionsValidator>();
        services.AddSingleton<IFocusFileReader, FocusFileReader>();
        services.AddOptions<AnomalyOptions>().BindConfiguration(AnomalyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AnomalyOptions>, AnomalyOptionsValidator>();
        services.AddStorage(configuration);
        services.AddIngestion();
        services.AddAllocation(configuration);
        services.AddHostedService<AllocationReloadService>();
        services.AddBusinessMetrics(configuration);
        services.AddBudgets(configuration);
        services.AddHostedService<MetricsFolderService>();
        services.AddSingleton<QueueRetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<QueueRetentionService>());
        services.AddConversation(configuration);
        services.AddCardRendering();
        return services;
    }
}
