using System.Globalization;
using FinOps.Conversation.Answers;
using FinOps.Conversation.Cards;
using FinOps.Core.Freshness;

namespace FinOps.Conversation.Freshness;

/// <summary>The admins' alert that an ingestion source has delivered nothing new for longer than its expected cadence.</summary>
public static class StaleExportCardComposer
{
    public const string CardKind = "ingestion.stale";

    /// <summary>Names the source, since when nothing new arrived, the cadence expected and how far its accounts are complete; never a location's secret.</summary>
    public static Card Compose(SourceFreshness source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var title = $"Cost export overdue: {source.Source}";
        var since = source.LastNewDataAt is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"has delivered nothing new since {at.UtcDateTime:MMM d, yyyy HH:mm} UTC")
            : "has not delivered any data yet";
        var text = $"Ingestion source {source.Source} {since}; it is expected to deliver at least every {Cadence(source.ExpectedCadence)}.";
        var blocks = new List<CardBlock> { new TitleBlock(title), new TextBlock(text) };
        var facts = new List<Fact> { new("Latest sync", source.LastSyncAt is { } synced ? string.Create(CultureInfo.InvariantCulture, $"{source.Status}, {synced.UtcDateTime:yyyy-MM-dd HH:mm} UTC") : source.Status) };
        facts.AddRange(source.Accounts.Select(a => new Fact($"{a.Provider} {a.BillingAccountId}", "complete through " + AnswerFormat.Iso(a.LastCompleteDay))));
        blocks.Add(new FactsBlock(facts));
        blocks.Add(new ContextBlock("Answers and digests say how far the data is complete. Check the export in the cloud's console; the sources command shows details. You get this once until the export delivers again."));
        return new Card(CardKind, $"{title}. {text}", blocks);
    }

    private static string Cadence(TimeSpan cadence) =>
        cadence.TotalDays >= 1 && cadence.TotalDays == Math.Floor(cadence.TotalDays)
            ? (cadence.TotalDays == 1 ? "day" : string.Create(CultureInfo.InvariantCulture, $"{cadence.TotalDays:0} days"))
            : cadence.TotalHours == 1 ? "hour" : string.Create(CultureInfo.InvariantCulture, $"{cadence.TotalHours:0.#} hours");
}
