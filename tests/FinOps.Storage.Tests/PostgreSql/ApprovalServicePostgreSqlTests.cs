namespace FinOps.Storage.Tests.PostgreSql;

/// <summary><see cref="FinOps.Storage.Tests.Approvals.ApprovalServiceTests"/> on PostgreSQL.</summary>
public sealed class ApprovalServicePostgreSqlTests() : FinOps.Storage.Tests.Approvals.ApprovalServiceTests(StorageProvider.PostgreSql);
