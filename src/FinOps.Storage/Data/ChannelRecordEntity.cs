namespace FinOps.Storage.Data;

/// <summary>A small JSON document kept for a chat channel adapter: a Teams conversation reference, a Slack installation.</summary>
/// <remarks>Storage does not know the channels' types (dependencies point inward), so adapters store their own JSON here.</remarks>
public sealed class ChannelRecordEntity
{
    /// <summary>What the record is, e.g. <c>teams.reference</c> or <c>slack.installation</c>.</summary>
    public required string Kind { get; set; }

    public required string Key { get; set; }

    public required string Json { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
