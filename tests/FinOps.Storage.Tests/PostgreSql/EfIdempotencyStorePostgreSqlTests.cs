namespace FinOps.Storage.Tests.PostgreSql;

/// <summary><see cref="FinOps.Storage.Tests.EfIdempotencyStoreTests"/> on PostgreSQL.</summary>
public sealed class EfIdempotencyStorePostgreSqlTests() : FinOps.Storage.Tests.EfIdempotencyStoreTests(StorageProvider.PostgreSql);
