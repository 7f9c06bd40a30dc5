using System.Globalization;
using System.Text.RegularExpressions;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Core.Freshness;
using FinOps.Core.People;
using Microsoft.Extensions.Logging;

namespace FinOps.Conversation.Freshness;

/// <summary>"refresh the cost data", "sync the cost data now", "refresh costs": an admin syncs every enabled ingestion source now.</summary>
/// <remarks>
/// Only the directory's admins may: a sync reads every export location and can take minutes, so it is not everyone's
/// button. The reply says per source what happened (runs imported, unchanged, rejected with why, or why it could not be
/// read); the sync's messages name sources, runs and parts, never credentials.
/// </remarks>
public sealed partial class RefreshDataCommand(PersonResolver people, ILogger<RefreshDataCommand> logger, IDataRefresh? refresh = null) : IConversationCommand
{
    public const string CardKind = "ingestion.refresh";

    public async Task<Card?> TryHandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsRefresh(message.Text))
        {
            return null;
        }

        var directory = people.Directory;
        var person = await people.ResolveAsync(
            new ChannelIdentity(message.User.Channel, message.User.Id, message.User.Email, message.User.AadObjectId, message.Conversation.Id, message.Conversation.Workspace),
            cancellationToken);
        if (person is null || !directory.HasRole(person, CompanyRole.Admin))
        {
            var admins = directory.People.Where(p => directory.HasRole(p, CompanyRole.Admin)).Select(p => p.Name ?? p.Email ?? p.Key).Order(StringComparer.Ordinal).ToList();
            var who = admins.Count == 0 ? "an admin of the bot (nobody has the admin role in the company directory yet)" : "an admin: " + string.Join(", ", admins);
            return Reply($"Sorry, only admins can refresh the cost data. Please ask {who}. The data also refreshes by itself on each source's schedule.");
        }

        if (refresh is null || refresh.Sources.Count == 0)
        {
            return Reply("No ingestion sources are configured, so there is nothing to refresh: cost data arrives with the import command. Add export locations under Ingestion:Sources to pull them on a schedule.");
        }

        LogRefresh(logger, person.Key, refresh.Sources.Count);
        var results = await refresh.RefreshAsync(cancellationToken);
        var lines = results.Select(Describe).ToList();
        var title = $"Cost data refreshed from {(results.Count == 1 ? "1 source" : string.Create(CultureInfo.InvariantCulture, $"{results.Count} sources"))}";
        var blocks = new List<CardBlock> { new TitleBlock(title) };
        blocks.AddRange(lines.Select(l => new TextBlock(l)));
        return new Card(CardKind, title + ". " + string.Join(" ", lines), blocks);
    }

    /// <summary>True for the refresh phrasings (a question about costs never matches: it has no refresh verb at its start).</summary>
    public static bool IsRefresh(string? text) => text is not null && Pattern().IsMatch(text);

    private static string Describe(SourceRefresh r)
    {
        var runs = (int n) => n == 1 ? "1 run" : string.Create(CultureInfo.InvariantCulture, $"{n} runs");
        return r.Status switch
        {
            "failed" => $"{r.Source}: could not be read, nothing changed. {string.Join(" ", r.Errors)}",
            "rejected" => string.Create(CultureInfo.InvariantCulture, $"{r.Source}: {runs(r.Imported)} imported ({r.Rows:N0} rows), {runs(r.Unchanged)} unchanged, {runs(r.Rejected)} rejected (the previous data is kept): {string.Join(" ", r.Errors)}"),
            _ when r.Imported == 0 => $"{r.Source}: nothing new ({runs(r.Unchanged)} unchanged).",
            _ => string.Create(CultureInfo.InvariantCulture, $"{r.Source}: {runs(r.Imported)} imported ({r.Rows:N0} rows), {runs(r.Unchanged)} unchanged."),
        };
    }

    private static Card Reply(string text) => new(CardKind, text, [new TextBlock(text)]);

    [GeneratedRegex(
        @"^\s*(?:please\s+)?(?:refresh|sync|resync|re-sync|reload)\s+(?:the\s+|all\s+(?:the\s+)?)?(?:cost\s+data|costs?|cost\s+exports?|billing\s+data)(?:\s+now)?(?:\s+please)?\s*[.!]*\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Pattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {Person} asked to refresh the cost data from {Sources} source(s)")]
    private static partial void LogRefresh(ILogger logger, string person, int sources);
}
