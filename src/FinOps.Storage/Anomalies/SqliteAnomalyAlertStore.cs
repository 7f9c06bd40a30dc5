using System.Text.Json;
using FinOps.Core.Anomalies;
using FinOps.Storage.Data;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.Anomalies;

/// <summary>Anomaly alert state and card copies in the cost store.</summary>
/// <remarks>
/// An update is a conditional UPDATE on the stored version: SQLite serialises writers, so of two racing updates one sees
/// zero rows changed and writes nothing. A copy's shown version is raised with a conditional UPDATE too, so it never drops.
/// </remarks>
public sealed class SqliteAnomalyAlertStore(CostDatabase database) : IAnomalyAlertStore
{
    public async Task<AnomalyAlert?> FindAsync(string incidentId, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var entity = await context.AnomalyAlerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == incidentId, cancellationToken);
        return entity is null ? null : ToAlert(entity);
    }

    public async Task<IReadOnlyList<AnomalyAlert>> ListAsync(AnomalyAlertStatus? status, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var query = context.AnomalyAlerts.AsNoTracking();
        if (status is { } s)
        {
            var name = StatusName(s);
            query = query.Where(a => a.Status == name);
        }

        var rows = await query.ToListAsync(cancellationToken);
        return [.. rows.OrderBy(a => a.Start).ThenBy(a => a.Id, StringComparer.Ordinal).Select(ToAlert)];
    }

    public async Task<bool> TryAddAsync(AnomalyAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        if (await context.AnomalyAlerts.AnyAsync(a => a.Id == alert.Id, cancellationToken))
        {
            return false;
        }

        context.AnomalyAlerts.Add(ToEntity(alert));
        try
        {
            await context.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Stored by a concurrent run between the check and the insert.
            return false;
        }
    }

    public async Task<bool> TryUpdateAsync(AnomalyAlert updated, int expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var e = ToEntity(updated);
        var changed = await context.AnomalyAlerts
            .Where(a => a.Id == updated.Id && a.Version == expectedVersion)
            .ExecuteUpdateAsync(
                u => u.SetProperty(a => a.Team, e.Team)
                    .SetProperty(a => a.TeamName, e.TeamName)
                    .SetProperty(a => a.LastDay, e.LastDay)
                    .SetProperty(a => a.Status, e.Status)
                    .SetProperty(a => a.Actual, e.Actual)
                    .SetProperty(a => a.Expected, e.Expected)
                    .SetProperty(a => a.Impact, e.Impact)
                    .SetProperty(a => a.ResolvedOn, e.ResolvedOn)
                    .SetProperty(a => a.Details, e.Details)
                    .SetProperty(a => a.Version, e.Version)
                    .SetProperty(a => a.UpdatedAt, e.UpdatedAt),
                cancellationToken);
        return changed == 1;
    }

    public async Task AddCopyAsync(AnomalyAlertCopy copy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copy);
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var exists = await context.AnomalyAlertCopies.AnyAsync(
            c => c.IncidentId == copy.IncidentId && c.Channel == copy.Channel && c.MessageId == copy.MessageId, cancellationToken);
        if (exists)
        {
            return;
        }

        context.AnomalyAlertCopies.Add(new AnomalyAlertCopyEntity
        {
            IncidentId = copy.IncidentId,
            Channel = copy.Channel,
            MessageId = copy.MessageId,
            ConversationId = copy.ConversationId,
            Workspace = copy.Workspace,
            ShownVersion = copy.ShownVersion,
        });
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // The same copy recorded by a concurrent caller: once is enough.
        }
    }

    public async Task<IReadOnlyList<AnomalyAlertCopy>> CopiesAsync(string incidentId, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var rows = await context.AnomalyAlertCopies.AsNoTracking().Where(c => c.IncidentId == incidentId).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(c => c.Channel, StringComparer.Ordinal).ThenBy(c => c.MessageId, StringComparer.Ordinal)
            .Select(c => new AnomalyAlertCopy(c.IncidentId, c.Channel, c.ConversationId, c.Workspace, c.MessageId, c.ShownVersion))];
    }

    public async Task MarkShownAsync(string incidentId, string channel, string messageId, int version, CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        await context.AnomalyAlertCopies
            .Where(c => c.IncidentId == incidentId && c.Channel == channel && c.MessageId == messageId && c.ShownVersion < version)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.ShownVersion, version), cancellationToken);
    }

    public async Task<IReadOnlyList<string>> StaleAsync(CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync(cancellationToken);
        await using var context = database.CreateContext();
        var ids = await (
            from c in context.AnomalyAlertCopies
            join a in context.AnomalyAlerts on c.IncidentId equals a.Id
            where c.ShownVersion < a.Version
            select a.Id).Distinct().ToListAsync(cancellationToken);
        return [.. ids.Order(StringComparer.Ordinal)];
    }

    private static string StatusName(AnomalyAlertStatus status) => status switch
    {
        AnomalyAlertStatus.Open => "open",
        AnomalyAlertStatus.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown anomaly alert status."),
    };

    private static AnomalyAlertEntity ToEntity(AnomalyAlert alert)
    {
        var a = alert.Incident;
        return new AnomalyAlertEntity
        {
            Id = a.Id,
            Team = alert.Team,
            TeamName = alert.TeamName,
            Series = string.Join(", ", a.Scope.Select(p => p.Key + "=" + p.Value)),
            Currency = a.Currency,
            Direction = a.Direction == AnomalyDirection.Up ? "up" : "down",
            Kind = a.Kind == AnomalyKind.Leak ? "leak" : "point",
            Start = a.Start,
            LastDay = alert.LastDay,
            DetectedOn = a.DetectedOn,
            Status = StatusName(alert.Status),
            Actual = a.Actual,
            Expected = a.Expected,
            Impact = a.Impact,
            ResolvedOn = alert.ResolvedOn,
            Details = JsonSerializer.Serialize(new AnomalyAlertDetails(a.Scope, a.RootCauses, a.Chart), AnomalyAlertJsonContext.Default.AnomalyAlertDetails),
            Version = alert.Version,
            UpdatedAt = alert.UpdatedAt,
        };
    }

    private static AnomalyAlert ToAlert(AnomalyAlertEntity e)
    {
        var details = JsonSerializer.Deserialize(e.Details, AnomalyAlertJsonContext.Default.AnomalyAlertDetails)
            ?? throw new InvalidDataException($"Anomaly alert {e.Id} has no details.");
        var status = e.Status switch
        {
            "open" => AnomalyAlertStatus.Open,
            "resolved" => AnomalyAlertStatus.Resolved,
            _ => throw new InvalidDataException($"Anomaly alert {e.Id} has an unknown status '{e.Status}'."),
        };
        var incident = new CostAnomaly(
            e.Id,
            details.Scope,
            e.Start,
            e.LastDay.AddDays(1),
            e.DetectedOn,
            status == AnomalyAlertStatus.Open,
            e.Currency,
            e.Actual,
            e.Expected,
            e.Impact,
            e.Direction == "down" ? AnomalyDirection.Down : AnomalyDirection.Up,
            e.Kind == "leak" ? AnomalyKind.Leak : AnomalyKind.Point,
            details.RootCauses)
        {
            Chart = details.Chart,
        };
        return new AnomalyAlert(incident, e.Team, e.TeamName, status, e.ResolvedOn, e.Version, e.UpdatedAt);
    }
}
