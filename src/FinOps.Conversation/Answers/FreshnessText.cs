using FinOps.Core.Freshness;

namespace FinOps.Conversation.Answers;

/// <summary>How answers and digests say how far the synced exports are complete: "AWS through Dec 2, Azure through Dec 1".</summary>
internal static class FreshnessText
{
    /// <summary>"AWS through Dec 2, Azure through Dec 1 (export overdue)"; a provider whose export is overdue is marked.</summary>
    public static string Through(IReadOnlyList<ProviderFreshness> providers, int currentYear) =>
        string.Join(", ", providers.Select(p => $"{p.Provider} through {AnswerFormat.Day(p.CompleteThrough, currentYear)}{(p.IsStale ? " (export overdue)" : string.Empty)}"));

    /// <summary>"Data complete for AWS through Dec 2, Azure through Dec 1."; null when no source has delivered yet.</summary>
    public static string? Sentence(IReadOnlyList<ProviderFreshness> providers, int currentYear) =>
        providers.Count == 0 ? null : $"Data complete for {Through(providers, currentYear)}.";
}
