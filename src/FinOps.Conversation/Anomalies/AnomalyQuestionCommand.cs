using System.Globalization;
using FinOps.Conversation.Answers;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Messaging;
using FinOps.Conversation.Questions;
using FinOps.Conversation.Rendering;
using FinOps.Conversation.Visibility;
using FinOps.Core.Anomalies;
using FinOps.Core.Calendar;
using FinOps.Core.Query;

namespace FinOps.Conversation.Anomalies;

/// <summary>
/// "any anomalies this week?", "open anomalies for payments", "why did storage spike yesterday?": answered from the
/// incidents of the same detector, replay and thresholds as the anomaly alert cards (<see cref="AnomalyQueryService"/>).
/// </summary>
/// <remarks>
/// <para>Teams, services, categories, accounts, regions and periods are read by the question parser, so names match as in
/// any other question ("storage", "EC2", a misspelt team). An incident matches a team when the team owns it
/// (<see cref="AnomalyOwnership.OwningTeam"/>), a service when it is the incident's service or, for a team or account
/// incident, one of its root causes'; a category or provider stands for its services.</para>
/// <para>A day is judged on the morning after it, so "today" means the latest judged day. When the detector flagged nothing,
/// "why did X spike" says so plainly with the model's expected value and the biggest changes against the same day a week
/// before: it never calls something an anomaly that the alerts did not.</para>
/// <para>With <c>Visibility:Mode</c> OwnTeams, a question naming another team is refused and incidents of other teams
/// are left out, as are root causes of other teams' resources (a note says so).</para>
/// </remarks>
public sealed partial class AnomalyQuestionCommand(
    IValueCatalogProvider catalogs,
    AnomalyQueryService anomalies,
    ICostQueryService costs,
    TimeProvider time) : IConversationCommand
{
    public const string CardKind = "anomalies";

    public const int MaxListed = 10;

    public const int MaxContributors = 5;

    public async Task<Card?> TryHandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AnomalyQuestion.TryParse(message.Text, out var question) ? await AnswerAsync(question, cancellationToken) : null;
    }

    /// <summary>The answer card of <paramref name="question"/> as of now.</summary>
    public async Task<Card> AnswerAsync(AnomalyQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var snapshot = await anomalies.CurrentAsync(cancellationToken);
        if (snapshot is null)
        {
            return Reply("There is no cost data yet, so there are no anomalies to report.");
        }

        var parser = await catalogs.GetParserAsync(cancellationToken);
        var today = CostCalendar.Today(time);
        var parsed = parser.Parse(question.ParserText, today);
        if (parsed.PeriodProblem is { } problem)
        {
            return Reply(AnswerFormat.Capitalise(problem) + ".");
        }

        if (parsed.UnrecognisedWords.Count > 0)
        {
            return Reply($"I don't know {AnswerFormat.JoinAnd(parsed.UnrecognisedWords.Select(w => "\"" + w + "\"").ToList())}: it is not a team, service or other value in the cost data.");
        }

        var filters = parsed.Query?.Filters ?? new Dictionary<Dimension, IReadOnlyList<string>>();
        var viewer = ViewerScope.Current;
        if (viewer is not null)
        {
            CheckVisible(filters, viewer);
        }

        var defaultPeriod = parser.Parse("cost", today).Query?.Period;
        var stated = parsed.Query is { } query && query.Period != defaultPeriod ? query.Period : null;
        var subject = Subject(filters);
        var services = await ServicesAsync(filters, snapshot, cancellationToken);
        var visible = snapshot.Anomalies
            .Select(a => Visible(a, viewer))
            .Where(a => a is not null && Matches(a, filters, services))
            .Select(a => a!)
            .ToList();
        if (viewer is not null && !filters.ContainsKey(Dimension.Team))
        {
            viewer.Narrowed = true;
        }

        return question.Shape switch
        {
            AnomalyQuestionShape.Open => Open(snapshot, visible, subject),
            AnomalyQuestionShape.Why => await WhyAsync(snapshot, visible, subject, filters, viewer, Judged(snapshot, stated ?? CostCalendar.Day(snapshot.LastJudgedDay)), cancellationToken),
            _ => List(snapshot, visible, subject, Judged(snapshot, stated ?? parsed.Query?.Period ?? CostCalendar.Day(snapshot.LastJudgedDay)), stated is null ? null : parsed.PeriodLabel.Phrase),
        };
    }

    private static Card Open(AnomalySnapshot snapshot, List<CostAnomaly> matching, string? subject)
    {
        var open = matching.Where(a => a.IsOpen).OrderByDescending(a => Math.Abs(a.Impact)).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        var title = subject is null ? "Open cost anomalies" : $"Open cost anomalies: {subject}";
        var lead = open.Count == 0
            ? $"No open cost anomalies{For(subject)}: nothing was still outside its expected band on {Day(snapshot.LastJudgedDay)}, the latest day judged."
            : $"{Count(open.Count)} still open{For(subject)} as of {Day(snapshot.LastJudgedDay)}, the latest day judged.";
        return ListCard(title, lead, open, snapshot);
    }

    private static Card List(AnomalySnapshot snapshot, List<CostAnomaly> matching, string? subject, (DateRange Days, string? Note) window, string? phrase)
    {
        var days = window.Days;
        var found = matching.Where(a => a.Start < days.End && a.End > days.Start)
            .OrderByDescending(a => Math.Abs(a.Impact)).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        var when = phrase is null || window.Note is not null ? $"{On(days)} {Span(days)}" : $"{phrase} ({Span(days)})";
        var title = subject is null ? $"Cost anomalies {when}" : $"Cost anomalies: {subject} {when}";
        var lead = found.Count == 0
            ? $"No cost anomalies{For(subject)} {when}: the detector flagged nothing above the alert thresholds."
            : $"{Count(found.Count)}{For(subject)} {when}.";
        if (window.Note is not null)
        {
            lead = window.Note + " " + lead;
        }

        return ListCard(title, lead, found, snapshot);
    }

    private static Card ListCard(string title, string lead, List<CostAnomaly> shown, AnomalySnapshot snapshot)
    {
        var blocks = new List<CardBlock> { new TitleBlock(title), new TextBlock(lead) };
        var lines = new List<string>();
        foreach (var anomaly in shown.Take(MaxListed))
        {
            var line = Line(anomaly);
            lines.Add(line);
            blocks.Add(new TextBlock(line));
        }

        if (shown.Count > MaxListed)
        {
            blocks.Add(new TextBlock($"...and {shown.Count - MaxListed} more."));
        }

        blocks.Add(new ContextBlock(Context(snapshot)));
        return new Card(CardKind, string.Join(" ", [lead, .. lines]), blocks);
    }

    private async Task<Card> WhyAsync(
        AnomalySnapshot snapshot, List<CostAnomaly> matching, string? subject, IReadOnlyDictionary<Dimension, IReadOnlyList<string>> filters,
        ViewerScope? viewer, (DateRange Days, string? Note) window, CancellationToken cancellationToken)
    {
        var days = window.Days;
        var what = subject ?? "Your costs";
        var found = matching.Where(a => a.Start < days.End && a.End > days.Start)
            .OrderByDescending(a => Math.Abs(a.Impact)).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        var blocks = new List<CardBlock>();
        string text;
        if (found.Count > 0)
        {
            var top = found[0];
            text = $"{(window.Note is null ? string.Empty : window.Note + " ")}The anomaly detector flagged {Scope(top)} {On(days)} {Span(days)}: {Explain(top)}";
            if (top.RootCauses.Count > 0)
            {
                text = text[..^1] + ". Root causes: " + string.Join("; ", top.RootCauses.Take(3).Select(c => $"{CauseLabel(c, top)} {Signed(c.Impact, top.Currency)}")) + ".";
            }

            blocks.Add(new TitleBlock($"Why {what} {(top.Direction == AnomalyDirection.Up ? "spiked" : "dropped")}, {Span(days)}"));
            blocks.Add(new TextBlock(text));
            foreach (var anomaly in found.Take(3))
            {
                blocks.Add(new FactsBlock(Facts(anomaly)));
                if (anomaly.RootCauses.Count > 0)
                {
                    blocks.Add(new CostTableBlock(
                        $"Root causes of {Scope(anomaly)} (change vs the same weekdays before)",
                        [.. anomaly.RootCauses.Select(c => new CostTableRow(CauseLabel(c, anomaly), new Money(c.Impact, anomaly.Currency)))]));
                }
            }

            if (found.Count > 3)
            {
                blocks.Add(new TextBlock($"...and {found.Count - 3} more: ask \"anomalies {Span(days)}\"."));
            }
        }
        else
        {
            // Not flagged: say so, with what the same model expected and what moved most, and never call it an anomaly.
            var scoped = new Dictionary<Dimension, IReadOnlyList<string>>(filters);
            if (viewer is not null && !scoped.ContainsKey(Dimension.Team))
            {
                scoped[Dimension.Team] = [.. viewer.AllowedTeams.Order(StringComparer.Ordinal)];
            }

            var check = await anomalies.CheckAsync(scoped, days, cancellationToken);
            blocks.Add(new TitleBlock($"{what}, {Span(days)}: no anomaly"));
            if (check is null)
            {
                text = $"{(window.Note is null ? string.Empty : window.Note + " ")}No anomaly: {what} had no usage cost {On(days)} {Span(days)}, so there was nothing to flag.";
                blocks.Add(new TextBlock(text));
            }
            else
            {
                text = $"{(window.Note is null ? string.Empty : window.Note + " ")}No anomaly: the detector did not flag {what} {On(days)} {Span(days)}."
                    + (check.JudgedDays == 0
                        ? " Those days were not judged (too little history or a quiet holiday)."
                        : $" It cost {Money(check.Actual, check.Currency)} against an expected {Money(check.Expected, check.Currency)}: {Change(check.Actual, check.Expected, check.Currency)}, within what the alerts allow.");
                blocks.Add(new TextBlock(text));
                if (check.JudgedDays > 0)
                {
                    blocks.Add(new KeyNumberBlock($"Actual, {Span(days)}", new Money(check.Actual, check.Currency),
                        Delta.Between(new Money(check.Actual, check.Currency), new Money(check.Expected, check.Currency)), "vs expected"));
                }

                var contributors = await ContributorsAsync(scoped, days, check.Currency, cancellationToken);
                if (contributors.Count > 0)
                {
                    blocks.Add(new CostTableBlock($"Biggest changes vs {Span(new DateRange(days.Start.AddDays(-7), days.End.AddDays(-7)))}", contributors));
                    text += " Biggest changes: " + string.Join("; ", contributors.Select(c => $"{c.Label} {Signed(c.Change!.Change.Amount, check.Currency)}")) + ".";
                }
            }
        }

        blocks.Add(new ContextBlock(Context(snapshot)));
        return new Card(CardKind, text, blocks);
    }

    private async Task<List<CostTableRow>> ContributorsAsync(IReadOnlyDictionary<Dimension, IReadOnlyList<string>> filters, DateRange days, string currency, CancellationToken cancellationToken)
    {
        var usage = new Dictionary<Dimension, IReadOnlyList<string>>(filters) { [Dimension.ChargeCategory] = ["Usage"] };
        var result = await costs.QueryAsync(
            new CostQuery
            {
                Period = days,
                ComparePeriod = new DateRange(days.Start.AddDays(-7), days.End.AddDays(-7)),
                Filters = usage,
                GroupBy = [Dimension.Service, Dimension.Resource],
            },
            cancellationToken);
        var rows = result.ByCurrency.FirstOrDefault(c => c.Currency == currency)?.Rows ?? [];
        return [.. rows
            .Select(r => (Label: $"{r.Key[1]} ({r.Key[0]})", r.Value, Before: r.CompareValue ?? 0m))
            .Where(r => r.Value != r.Before)
            .OrderByDescending(r => Math.Abs(r.Value - r.Before))
            .ThenBy(r => r.Label, StringComparer.Ordinal)
            .Take(MaxContributors)
            .Select(r => new CostTableRow(r.Label, new Money(r.Value, currency), Delta.Between(new Money(r.Value, currency), new Money(r.Before, currency))))];
    }

    /// <summary>The services a category, provider or other filter stands for (null when the question names none).</summary>
    private async Task<HashSet<string>?> ServicesAsync(IReadOnlyDictionary<Dimension, IReadOnlyList<string>> filters, AnomalySnapshot snapshot, CancellationToken cancellationToken)
    {
        var others = filters.Where(f => !Direct.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value);
        if (others.Count == 0)
        {
            return null;
        }

        var result = await costs.QueryAsync(
            new CostQuery
            {
                Period = new DateRange(snapshot.RunDate.AddDays(-anomalies.ReplayDays - AnomalyDetectionService.LookBackDays), snapshot.RunDate),
                Filters = others,
                GroupBy = [Dimension.Service],
            },
            cancellationToken);
        return result.ByCurrency.SelectMany(c => c.Rows).Select(r => r.Key[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private static readonly HashSet<Dimension> Direct = [Dimension.Team, Dimension.Service, Dimension.Account, Dimension.Region];

    private static bool Matches(CostAnomaly anomaly, IReadOnlyDictionary<Dimension, IReadOnlyList<string>> filters, HashSet<string>? services)
    {
        if (filters.TryGetValue(Dimension.Team, out var teams) && !teams.Contains(AnomalyOwnership.OwningTeam(anomaly) ?? string.Empty, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        if (filters.TryGetValue(Dimension.Service, out var named) && !Touches(anomaly, "service", v => named.Contains(v, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (services is not null && !Touches(anomaly, "service", services.Contains))
        {
            return false;
        }

        return (!filters.TryGetValue(Dimension.Account, out var accounts) || Touches(anomaly, "account", v => accounts.Contains(v, StringComparer.OrdinalIgnoreCase)))
            && (!filters.TryGetValue(Dimension.Region, out var regions) || Touches(anomaly, "region", v => regions.Contains(v, StringComparer.OrdinalIgnoreCase)));
    }

    /// <summary>The incident's own scope value for <paramref name="dimension"/>, else any of its root causes'.</summary>
    private static bool Touches(CostAnomaly anomaly, string dimension, Func<string, bool> accepts)
    {
        var own = anomaly.Scope.FirstOrDefault(p => p.Key == dimension).Value;
        return own is not null
            ? accepts(own)
            : anomaly.RootCauses.Any(c => c.Key.FirstOrDefault(p => p.Key == dimension).Value is { } value && accepts(value));
    }

    /// <summary>The incident as <paramref name="viewer"/> may see it: null for another team's, without other teams' root causes.</summary>
    private static CostAnomaly? Visible(CostAnomaly anomaly, ViewerScope? viewer)
    {
        if (viewer is null)
        {
            return anomaly;
        }

        if (AnomalyOwnership.OwningTeam(anomaly) is not { } team || !viewer.AllowedTeams.Contains(team))
        {
            return null;
        }

        return anomaly with
        {
            RootCauses = [.. anomaly.RootCauses.Where(c => c.Key.FirstOrDefault(p => p.Key == "team").Value is not { } t || viewer.AllowedTeams.Contains(t))],
        };
    }

    private static void CheckVisible(IReadOnlyDictionary<Dimension, IReadOnlyList<string>> filters, ViewerScope viewer)
    {
        if (filters.TryGetValue(Dimension.Team, out var teams))
        {
            var hidden = teams.Where(t => !viewer.AllowedTeams.Contains(t.Trim())).ToList();
            if (hidden.Count > 0)
            {
                throw new HiddenTeamsException(hidden);
            }
        }
        else if (viewer.AllowedTeams.Count == 0)
        {
            throw new HiddenTeamsException(["(all teams)"]);
        }
    }

    /// <summary>The judged part of <paramref name="period"/>; a period after the latest judged day becomes that day, with a note.</summary>
    private static (DateRange Days, string? Note) Judged(AnomalySnapshot snapshot, DateRange period)
    {
        var end = period.End < snapshot.RunDate ? period.End : snapshot.RunDate;
        if (period.Start < end)
        {
            return (new DateRange(period.Start, end), null);
        }

        return (CostCalendar.Day(snapshot.LastJudgedDay),
            $"A day is judged the morning after it, with that day's data complete, so the latest day judged is {Day(snapshot.LastJudgedDay)}.");
    }
}
