namespace FinOps.Storage.Tests.PostgreSql;

/// <summary><see cref="FinOps.Storage.Tests.Anomalies.SqliteAnomalyFeedbackStoreTests"/> on PostgreSQL.</summary>
public sealed class AnomalyFeedbackStorePostgreSqlTests() : FinOps.Storage.Tests.Anomalies.SqliteAnomalyFeedbackStoreTests(StorageProvider.PostgreSql);
