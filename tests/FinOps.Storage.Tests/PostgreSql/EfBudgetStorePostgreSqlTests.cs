namespace FinOps.Storage.Tests.PostgreSql;

/// <summary><see cref="FinOps.Storage.Tests.Budgets.EfBudgetStoreTests"/> on PostgreSQL.</summary>
public sealed class EfBudgetStorePostgreSqlTests() : FinOps.Storage.Tests.Budgets.EfBudgetStoreTests(StorageProvider.PostgreSql);
