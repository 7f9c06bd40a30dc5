namespace FinOps.Storage.Tests.PostgreSql;

/// <summary><see cref="FinOps.Storage.Tests.Approvals.SqliteApprovalStoreTests"/> on PostgreSQL.</summary>
public sealed class ApprovalStorePostgreSqlTests() : FinOps.Storage.Tests.Approvals.SqliteApprovalStoreTests(StorageProvider.PostgreSql);
