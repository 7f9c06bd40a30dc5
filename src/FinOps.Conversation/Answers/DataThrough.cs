using FinOps.Core.Freshness;

namespace FinOps.Conversation.Answers;

/// <summary>The last complete day of cost data an answer uses, and the providers whose exports end earlier than the others.</summary>
/// <param name="Day">The last day every export that matters to the question has delivered, and never later than yesterday.</param>
/// <param name="Providers">Each provider's last day with cost, when their exports end on different days; empty otherwise.</param>
internal sealed record DataThrough(DateOnly Day, IReadOnlyList<KeyValuePair<string, DateOnly>> Providers)
{
    /// <summary>Per provider, how far the synced exports are complete (the source of truth when ingestion sources exist); empty otherwise.</summary>
    public IReadOnlyList<ProviderFreshness> Synced { get; init; } = [];
}
