namespace FinOps.Storage.Tests.PostgreSql;

/// <summary><see cref="EfWorkQueueTests"/> on PostgreSQL (queue tables in schema <c>queue</c>).</summary>
public sealed class EfWorkQueuePostgreSqlTests() : EfWorkQueueTests(StorageProvider.PostgreSql);
