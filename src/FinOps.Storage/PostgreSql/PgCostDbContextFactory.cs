using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FinOps.Storage.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef migrations add Xxx --context PgCostDbContext --output-dir PostgreSql/Migrations/Cost</c> build the
/// context without the host or a server (adding a migration does not connect).
/// </summary>
public sealed class PgCostDbContextFactory : IDesignTimeDbContextFactory<PgCostDbContext>
{
    public PgCostDbContext CreateDbContext(string[] args) =>
        new(PostgreSqlContexts.CostOptions("Host=localhost;Database=finops_design"));
}
