using FinOps.Conversation;
using FinOps.Core.Calendar;
using FinOps.Core.Ingestion;
using FinOps.Storage;
using FinOps.Storage.Allocation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FinOps.Bot.Hosting;

/// <summary>The services every entry point shares: the web host and the CLI verbs.</summary>
public static class BotServices
{
    public static IServiceCollection AddFinOpsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.SectionName)
            .Validate(o => o.FiscalYearStartMonth is >= 1 and <= 12, "Calendar:FiscalYearStartMonth must be 1 to 12.")
            .ValidateOnStart();
        services.AddOptions<DemoSeedOptions>().BindConfiguration(DemoSeedOptions.SectionName)
            .Validate(o => o.Rows > 0, "Demo:Rows must be positive.")
            .ValidateOnStart();
        services.AddSingleton<IFocusFileReader, FocusFileReader>();
        services.AddStorage(configuration);
        services.AddAllocation(configuration);
        services.AddHostedService<AllocationReloadService>();
        services.AddSingleton<QueueRetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<QueueRetentionService>());
        services.AddConversation(configuration);
        services.AddCardRendering();
        return services;
    }
}
