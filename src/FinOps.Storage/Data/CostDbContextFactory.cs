using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FinOps.Storage.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the host.</summary>
public sealed class CostDbContextFactory : IDesignTimeDbContextFactory<CostDbContext>
{
    public CostDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CostDbContext>().UseSqlite("Data Source=finops-design.db").Options);
}
