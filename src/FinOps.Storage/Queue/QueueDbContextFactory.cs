using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FinOps.Storage.Queue;

/// <summary>Lets <c>dotnet ef migrations add --context QueueDbContext</c> build the context without the host.</summary>
public sealed class QueueDbContextFactory : IDesignTimeDbContextFactory<QueueDbContext>
{
    public QueueDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<QueueDbContext>().UseSqlite("Data Source=finops-design.queue.db").Options);
}
