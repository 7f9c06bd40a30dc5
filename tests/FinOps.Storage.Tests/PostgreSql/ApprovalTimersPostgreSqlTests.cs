namespace FinOps.Storage.Tests.PostgreSql;

/// <summary><see cref="FinOps.Storage.Tests.Approvals.ApprovalTimersTests"/> on PostgreSQL.</summary>
public sealed class ApprovalTimersPostgreSqlTests() : FinOps.Storage.Tests.Approvals.ApprovalTimersTests(StorageProvider.PostgreSql);
