using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Bot.Hosting;

/// <summary>
/// EF Core's Data Protection key table (<see cref="DataProtectionKey"/>) over the store's <c>DataProtectionKeys</c> table,
/// on the store's provider. The store's migrations create that table (FinOps.Storage stays free of ASP.NET Core), so this
/// context has none of its own.
/// </summary>
public sealed class KeyRingDbContext(DbContextOptions<KeyRingDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<DataProtectionKey>(e => e.ToTable("DataProtectionKeys", t => t.ExcludeFromMigrations()));
    }
}
