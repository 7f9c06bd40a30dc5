using Microsoft.EntityFrameworkCore.Design;

namespace FinOps.Storage.PostgreSql;

/// <summary>Lets <c>dotnet ef migrations add Xxx --context PgQueueDbContext --output-dir PostgreSql/Migrations/Queue</c> build the context.</summary>
public sealed class PgQueueDbContextFactory : IDesignTimeDbContextFactory<PgQueueDbContext>
{
    public PgQueueDbContext CreateDbContext(string[] args) =>
        new(PostgreSqlContexts.QueueOptions("Host=localhost;Database=finops_design"));
}
