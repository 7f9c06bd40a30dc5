using FinOps.Storage;

namespace FinOps.Bot.Tests;

/// <summary><see cref="DurableChannelStoresTests"/> on PostgreSQL: Teams references, Slack installations (tokens protected), subscriptions.</summary>
public sealed class DurableChannelStoresPostgreSqlTests() : DurableChannelStoresTests(StorageProvider.PostgreSql);
