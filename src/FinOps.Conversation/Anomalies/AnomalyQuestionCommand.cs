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
public sealed class AnomalyQuestionCommand(
    IValueCatalogProvider catalogs,
    AnomalyQueryService anomalies,
    ICostQueryService costs,
    TimeProvider time) : IConversationCommand
{
    public const string CardKind = "anomalies";

    public const int MaxListed = 10;

    public const int MaxContributors = 5;

    private static readonly MoneyFormatter Formatter = MoneyFormatter.EnglishUnitedStates;

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

    private static string? Subject(IReadOnlyDictionary<Dimension, IReadOnlyList<string>> filters)
    {
        var parts = filters
            .Where(f => f.Key != Dimension.ChargeCategory)
            .SelectMany(f => f.Value.Select(v => f.Key == Dimension.Team ? AnswerFormat.DisplayName(v) : v))
            .ToList();
        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    private static string Line(CostAnomaly anomaly)
    {
        var line = $"**{Scope(anomaly)}**: {Days(anomaly)}, {(anomaly.IsOpen ? "open" : "resolved")}. {Explain(anomaly)}";
        if (anomaly.RootCauses.Count > 0)
        {
            var cause = anomaly.RootCauses[0];
            line += $" Top cause: {CauseLabel(cause, anomaly)} {Signed(cause.Impact, anomaly.Currency)}.";
        }

        return line;
    }

    private static string Explain(CostAnomaly anomaly) =>
        $"{Money(anomaly.Actual, anomaly.Currency)} against {Money(anomaly.Expected, anomaly.Currency)} expected: {Change(anomaly.Actual, anomaly.Expected, anomaly.Currency)}{(anomaly.IsOpen ? $", open since {Day(anomaly.Start)}" : string.Empty)}.";

    private static List<Fact> Facts(CostAnomaly anomaly) =>
    [
        new("Anomaly", Scope(anomaly)),
        new("Impact", Change(anomaly.Actual, anomaly.Expected, anomaly.Currency)),
        new("Actual", Money(anomaly.Actual, anomaly.Currency)),
        new("Expected", Money(anomaly.Expected, anomaly.Currency)),
        new("Days", Days(anomaly)),
        new("Status", anomaly.IsOpen ? $"open since {Day(anomaly.Start)}" : $"resolved, detected {Day(anomaly.DetectedOn)}"),
    ];

    internal static string Scope(CostAnomaly anomaly) =>
        string.Join(" / ", anomaly.Scope.Select(p => p.Key == "team" ? AnswerFormat.DisplayName(p.Value) : p.Key == "account" ? "account " + p.Value : p.Value));

    internal static string Days(CostAnomaly anomaly) =>
        anomaly.Days <= 1 ? Day(anomaly.Start) : $"{Day(anomaly.Start)} to {Day(anomaly.End.AddDays(-1))} ({anomaly.Days} days)";

    /// <summary>"bucket-logs, account prod, region us-east-1 (new since ...)": the resource first, without what the incident's scope already says.</summary>
    internal static string CauseLabel(AnomalyRootCause cause, CostAnomaly anomaly)
    {
        var parts = cause.Key.Where(p => !anomaly.Scope.Any(s => s.Key == p.Key)).OrderBy(p => p.Key == "resource" ? 0 : 1);
        var label = string.Join(", ", parts.Select(p => p.Key == "resource" ? p.Value : $"{p.Key} {p.Value}"));
        return cause.NewSince is { } since ? $"{label} (new since {Day(since)})" : label;
    }

    /// <summary>"+$9,000.00 (+300%)" from actual and expected.</summary>
    internal static string Change(decimal actual, decimal expected, string currency) =>
        Signed(actual - expected, currency) + (expected == 0 ? string.Empty : $" ({((actual - expected) / Math.Abs(expected) * 100m).ToString("+0;-0;0", CultureInfo.InvariantCulture)}%)");

    internal static string Money(decimal amount, string currency) => Formatter.Format(new Money(amount, currency));

    internal static string Signed(decimal amount, string currency) => (amount < 0 ? "-" : "+") + Money(Math.Abs(amount), currency);

    internal static string Day(DateOnly day) => day.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Span(DateRange days) =>
        days.Days <= 1 ? Day(days.Start) : $"{days.Start.ToString("d MMM", CultureInfo.InvariantCulture)} to {Day(days.End.AddDays(-1))}";

    private static string On(DateRange days) => days.Days <= 1 ? "on" : "from";

    private static string For(string? subject) => subject is null ? string.Empty : $" for {subject}";

    private static string Count(int count) => count == 1 ? "1 cost anomaly" : $"{count} cost anomalies";

    private static string Context(AnomalySnapshot snapshot) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"EffectiveCost of usage charges. Detector run of {snapshot.RunDate:yyyy-MM-dd}, each day judged the morning after it; the same incidents and thresholds as the anomaly alert cards.");

    private static Card Reply(string text) => new(CardKind, text, [new TextBlock(text)]);
}
