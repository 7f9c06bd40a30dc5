using FinOps.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace FinOps.Bot.Scheduling;

/// <summary>
/// Chooses where Quartz keeps the schedule, in one place for every job: in memory with SQLite (one process), or Quartz's clustered
/// ADO.NET job store in the PostgreSQL database (<c>Storage:Provider</c> = <c>PostgreSql</c>), so that each trigger fires on one
/// replica only and a firing missed while every replica was down is handled once, by the first replica back.
/// </summary>
public static class QuartzStoreServiceCollectionExtensions
{
    /// <summary>The scheduler name every replica shares (the <c>sched_name</c> of the <c>qrtz_*</c> rows).</summary>
    public const string SchedulerName = "finops-bot";

    public static IServiceCollection AddQuartzStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.Provider != StorageProvider.PostgreSql || string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            // SQLite: Quartz's default in-memory store, as before. (A missing connection string is reported by the storage validator.)
            return services;
        }

        services.AddOptions<SchedulerClusterOptions>().BindConfiguration(SchedulerClusterOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulerClusterOptions>, SchedulerClusterOptionsValidator>());
        var cluster = configuration.GetSection(SchedulerClusterOptions.SectionName).Get<SchedulerClusterOptions>() ?? new SchedulerClusterOptions();
        if (!SchedulerClusterOptionsValidator.IsValid(cluster))
        {
            // Quartz would throw while building the store, blaming no setting; the validator names it at start.
            return services;
        }

        return services.AddClusteredQuartzStore(storage.ConnectionString, cluster);
    }

    /// <summary>The clustered PostgreSQL job store itself (the tests build schedulers from it without a whole bot).</summary>
    public static IServiceCollection AddClusteredQuartzStore(this IServiceCollection services, string connectionString, SchedulerClusterOptions cluster)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(cluster);

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = SchedulerName;
                // instanceId AUTO: each replica a distinct id (host name + start time), as clustering requires.
                s.GenerateInstanceId = true;
            });
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(NpgsqlFactory.Instance, connectionString);
                store.UseClustering(c =>
                {
                    c.CheckinInterval = cluster.CheckinInterval;
                    c.CheckinMisfireThreshold = cluster.CheckinMisfireThreshold;
                });
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(o =>
                {
                    // quartz.jobStore.useProperties: job data kept as readable strings (ours are all strings), not serialized objects.
                    o.StoreJobDataAsStrings = true;
                    o.MisfireThreshold = cluster.MisfireThreshold;
                    // The tables come from our migrations (PgQuartzTables), applied at start or by the migrate verb; Quartz only checks them.
                    o.SchemaProvisioning = SchemaProvisioning.Validate;
                });
            });
        });
        // A replica that starts keeps the stored triggers: replacing them would compute their next firing from now and so drop a
        // digest missed while every replica was down, instead of letting its misfire instruction send it once, late.
        services.Configure<QuartzOptions>(o => o.Scheduling.IgnoreDuplicates = true);
        return services;
    }
}
