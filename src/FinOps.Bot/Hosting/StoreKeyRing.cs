using FinOps.Storage;
using FinOps.Storage.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Hosting;

/// <summary>The Data Protection key ring in the store.</summary>
public static class StoreKeyRing
{
    /// <summary>
    /// Keeps the Data Protection key ring in the store (SQLite or PostgreSQL, by <c>Storage:Provider</c>) instead of the home
    /// folder, copying the home folder's keys in once (<see cref="StorageOptions.LegacyKeysFolder"/>). Needs <c>AddStorage</c>.
    /// </summary>
    /// <remarks>
    /// Keys are stored as ASP.NET Core writes them: not encrypted at rest unless a key encryption is configured as well
    /// (<c>ProtectKeysWithCertificate</c>, <c>ProtectKeysWithAzureKeyVault</c>); see README "Running replicas on PostgreSQL".
    /// </remarks>
    public static IDataProtectionBuilder PersistKeysToStore(this IDataProtectionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDbContext<KeyRingDbContext>((services, options) =>
        {
            var database = services.GetRequiredService<CostDatabase>();
            if (database.Provider == StorageProvider.PostgreSql)
            {
                options.UseNpgsql(database.ConnectionString);
            }
            else
            {
                options.UseSqlite(database.ConnectionString);
            }
        });
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new StoreXmlRepository(
                services.GetRequiredService<CostDatabase>(),
                services,
                services.GetRequiredService<IOptions<StorageOptions>>(),
                services.GetRequiredService<ILoggerFactory>())));
        return builder;
    }
}
