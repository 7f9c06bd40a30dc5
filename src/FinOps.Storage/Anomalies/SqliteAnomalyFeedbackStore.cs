using FinOps.Core.Anomalies;
using FinOps.Storage.Data;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.Anomalies;

/// <summary>Anomaly feedback in the cost store: append-only (SQLite triggers refuse UPDATE and DELETE), once per incident and kind.</summary>
/// <remarks>
/// The unique index on (incident, kind) decides a race between two clicks: the loser's INSERT fails and it returns the
/// winner's entry, so a double click records once.
/// </remarks>
public sealed class SqliteAnomalyFeedbackStore(CostDatabase database) : IAnomalyFeedbackStore
{
    public async Task<(bool Added, AnomalyFeedback Entry)> TryAppendAsync(AnomalyFeedback feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        await database.EnsureReadyAsync(cancellationToken);
        var kind = Name(feedback.Kind);
        await using (var context = database.CreateContext())
        {
            var existing = await context.AnomalyFeedback.AsNoTracking()
                .FirstOrDefaultAsync(f => f.IncidentId == feedback.IncidentId && f.Kind == kind, cancellationToken);
            if (existing is not null)
            {
                return (false, ToFeedback(existing));
            }

            var entity = ToEntity(feedback);
            context.AnomalyFeedback.Add(entity);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
                return (true, ToFeedback(entity));
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                // Lost the race to an identical click: fall through and return the winner.
            }
        }

        await using var again = database.CreateContext();
        var winner = await again.AnomalyFeedback.AsNoTracking()
            .FirstAsync(f => f.IncidentId == feedback.IncidentId && f.Kind == kind, cancellationToken);
        return (false, ToFeedback(winner));
    }

    public async Task<IReadOnlyList<AnomalyFeedback>> ListAsync(string? incidentId, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var query = context.AnomalyFeedback.AsNoTracking();
        if (incidentId is not null)
        {
            query = query.Where(f => f.IncidentId == incidentId);
        }

        var rows = await query.OrderBy(f => f.Sequence).ToListAsync(cancellationToken);
        return [.. rows.Select(ToFeedback)];
    }

    private static string Name(AnomalyFeedbackKind kind) => kind switch
    {
        AnomalyFeedbackKind.Expected => "expected",
        AnomalyFeedbackKind.Investigating => "investigating",
        AnomalyFeedbackKind.NotAnIssue => "not-an-issue",
        AnomalyFeedbackKind.Mute => "mute",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static AnomalyFeedbackKind Kind(string name) => name switch
    {
        "expected" => AnomalyFeedbackKind.Expected,
        "investigating" => AnomalyFeedbackKind.Investigating,
        "not-an-issue" => AnomalyFeedbackKind.NotAnIssue,
        "mute" => AnomalyFeedbackKind.Mute,
        _ => throw new InvalidDataException($"AnomalyFeedback: unknown kind '{name}'."),
    };

    private static AnomalyFeedbackEntity ToEntity(AnomalyFeedback f) => new()
    {
        IncidentId = f.IncidentId,
        Kind = Name(f.Kind),
        Team = f.Team,
        Service = f.Service,
        Scope = f.Scope,
        Currency = f.Currency,
        Direction = f.Direction == AnomalyDirection.Down ? "down" : "up",
        Start = f.Start,
        DailyImpact = f.DailyImpact,
        ActorKey = f.ActorKey,
        ActorName = f.ActorName,
        At = f.At,
        Channel = f.Channel,
        MutedUntil = f.MutedUntil,
    };

    private static AnomalyFeedback ToFeedback(AnomalyFeedbackEntity e) => new(
        e.Sequence, e.IncidentId, Kind(e.Kind), e.Team, e.Service, e.Scope, e.Currency,
        e.Direction == "down" ? AnomalyDirection.Down : AnomalyDirection.Up,
        e.Start, e.DailyImpact, e.ActorKey, e.ActorName, e.At, e.Channel, e.MutedUntil);
}
