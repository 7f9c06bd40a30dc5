namespace FinOps.Storage.Tests.PostgreSql;

/// <summary><see cref="FinOps.Storage.Tests.Anomalies.SqliteAnomalyAlertStoreTests"/> on PostgreSQL.</summary>
public sealed class AnomalyAlertStorePostgreSqlTests() : FinOps.Storage.Tests.Anomalies.SqliteAnomalyAlertStoreTests(StorageProvider.PostgreSql);
