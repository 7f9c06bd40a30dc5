namespace FinOps.Storage.Tests.PostgreSql;

/// <summary><see cref="FinOps.Storage.Tests.Queue.EfWorkQueueClaimTests"/> on PostgreSQL.</summary>
public sealed class EfWorkQueueClaimPostgreSqlTests() : FinOps.Storage.Tests.Queue.EfWorkQueueClaimTests(StorageProvider.PostgreSql);
