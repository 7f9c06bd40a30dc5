using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FinOps.Core.Subscriptions;

namespace FinOps.Storage.Channels;

/// <summary>
/// Channel subscriptions in the queue file's channel records: kind <c>subscription</c> keyed by
/// <see cref="ChannelSubscription.Key"/>, and the change log as kind <c>subscription-change</c>.
/// </summary>
/// <remarks>A change log key starts with the UTC time (sortable), so the log lists oldest first.</remarks>
public sealed class ChannelSubscriptionStore(ChannelRecordStore records) : ISubscriptionStore
{
    public const string SubscriptionKind = "subscription";
    public const string ChangeKind = "subscription-change";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task SubscribeAsync(ChannelSubscription subscription, SubscriptionChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(change);
        await records.UpsertAsync(SubscriptionKind, subscription.Key, JsonSerializer.Serialize(subscription, Json), cancellationToken);
        await LogAsync(change, cancellationToken);
    }

    public async Task<bool> UnsubscribeAsync(string key, SubscriptionChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!await records.DeleteAsync(SubscriptionKind, key, cancellationToken))
        {
            return false;
        }

        await LogAsync(change, cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<ChannelSubscription>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await records.ListAsync(SubscriptionKind, cancellationToken)).Select(j => JsonSerializer.Deserialize<ChannelSubscription>(j, Json)!)];

    public async Task<IReadOnlyList<SubscriptionChange>> ListChangesAsync(CancellationToken cancellationToken) =>
        [.. (await records.ListAsync(ChangeKind, cancellationToken)).Select(j => JsonSerializer.Deserialize<SubscriptionChange>(j, Json)!)];

    private Task LogAsync(SubscriptionChange change, CancellationToken cancellationToken)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{change.ChangedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ}|{Guid.NewGuid():N}");
        return records.UpsertAsync(ChangeKind, key, JsonSerializer.Serialize(change, Json), cancellationToken);
    }
}
