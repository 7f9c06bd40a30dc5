using FinOps.Storage;

namespace FinOps.Bot.Tests.Hosting;

/// <summary><see cref="DataProtectionKeysTests"/> on PostgreSQL.</summary>
public sealed class DataProtectionKeysPostgreSqlTests() : DataProtectionKeysTests(StorageProvider.PostgreSql);
