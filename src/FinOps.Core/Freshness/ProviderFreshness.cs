namespace FinOps.Core.Freshness;

/// <summary>One provider's synced data: complete through the earliest last complete day of its accounts, and which sources deliver it.</summary>
/// <param name="Provider">The FOCUS <c>ProviderName</c> as stored.</param>
/// <param name="CompleteThrough">The last day complete in every account of every source delivering this provider.</param>
/// <param name="Sources">The sources delivering it, by name.</param>
/// <param name="IsStale">One of those sources has delivered nothing new for longer than its expected cadence.</param>
public sealed record ProviderFreshness(string Provider, DateOnly CompleteThrough, IReadOnlyList<string> Sources, bool IsStale)
{
    /// <summary>Per provider (ordinal order), the earliest last complete day over its accounts in all sources.</summary>
    /// <remarks>The earliest wins: an account whose export lags must not make the provider's total look complete.</remarks>
    public static IReadOnlyList<ProviderFreshness> Summarise(IReadOnlyList<SourceFreshness> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return [.. sources
            .SelectMany(s => s.Accounts.Select(a => (Source: s, Account: a)))
            .GroupBy(x => x.Account.Provider, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ProviderFreshness(
                g.First().Account.Provider,
                g.Min(x => x.Account.LastCompleteDay),
                [.. g.Select(x => x.Source.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                g.Any(x => x.Source.IsStale)))];
    }
}
