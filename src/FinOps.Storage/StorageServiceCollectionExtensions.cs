using FinOps.Core.Anomalies;
using FinOps.Core.Approvals;
using FinOps.Core.Budgets;
using FinOps.Core.Query;
using FinOps.Core.Reliability;
using FinOps.Core.Subscriptions;
using FinOps.Storage.Anomalies;
using FinOps.Storage.Approvals;
using FinOps.Storage.Channels;
using FinOps.Storage.Costs;
using FinOps.Storage.Data;
using FinOps.Storage.Import;
using FinOps.Storage.Queue;
using FinOps.Storage.Reliability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FinOps.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite store: <see cref="CostDbContext"/>, <see cref="CostDatabase"/>, <see cref="SqliteCostStore"/>
    /// as <see cref="ICostQueryService"/>, <see cref="CostImporter"/>, and in the separate queue file (<see cref="QueueDatabase"/>)
    /// <see cref="IIdempotencyStore"/> and <see cref="IWorkQueue"/>.
    /// The team assignment defaults to <see cref="TagTeamAssignment"/> unless one is registered already.
    /// The caller registers an <c>IFocusFileReader</c> (for the importer) and may replace <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.AddOptions<QueueRetentionOptions>().BindConfiguration(QueueRetentionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueueRetentionOptions>, QueueRetentionOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITeamAssignment, TagTeamAssignment>();
        services.AddSingleton<CostDatabase>();
        // A scoped context from the store's database, so the provider's own context type (PostgreSQL's) comes with it.
        services.AddScoped(sp => sp.GetRequiredService<CostDatabase>().CreateContext());
        services.AddSingleton<SqliteCostStore>();
        services.AddSingleton<ICostQueryService>(sp => sp.GetRequiredService<SqliteCostStore>());
        services.AddSingleton<CostImporter>();
        services.AddSingleton<QueueDatabase>();
        services.AddSingleton<StoreMigrator>();
        services.AddSingleton<IIdempotencyStore, EfIdempotencyStore>();
        services.AddSingleton<IWorkQueue, EfWorkQueue>();
        services.AddSingleton<ChannelRecordStore>();
        services.AddSingleton<ISubscriptionStore, ChannelSubscriptionStore>();
        services.AddSingleton<SqliteApprovalStore>();
        // Added, not tried: the durable store replaces the in-memory one AddConversation registers, whichever runs first.
        services.AddSingleton<IApprovalStore>(sp => sp.GetRequiredService<SqliteApprovalStore>());
        services.AddSingleton<IBudgetIncreases>(sp => sp.GetRequiredService<SqliteApprovalStore>());
        // Added, not tried, for the same reason: replaces the in-memory anomaly alert store of AddConversation.
        services.AddSingleton<IAnomalyAlertStore, SqliteAnomalyAlertStore>();
        // Added, not tried, for the same reason: the durable feedback store replaces the in-memory one.
        services.AddSingleton<IAnomalyFeedbackStore, SqliteAnomalyFeedbackStore>();
        return services;
    }
}
