using FinOps.Core.Freshness;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>Ingestion sources' freshness as the storage layer would report it.</summary>
internal sealed class FakeDataFreshness(params SourceFreshness[] sources) : IDataFreshness
{
    public int Reads { get; private set; }

    public Task<IReadOnlyList<SourceFreshness>> GetAsync(CancellationToken cancellationToken)
    {
        Reads++;
        return Task.FromResult<IReadOnlyList<SourceFreshness>>(sources);
    }

    public static SourceFreshness Source(string name, bool stale = false, params (string Provider, string Account, DateOnly Complete)[] accounts) =>
        new(
            name,
            "ok",
            new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero),
            TimeSpan.FromDays(1),
            stale,
            [.. accounts.Select(a => new AccountCompleteness(a.Provider, a.Account, a.Complete.AddDays(1), a.Complete))]);
}
