using FinOps.Core.Anomalies;
using FinOps.Core.Calendar;
using FinOps.Core.Query;
using Microsoft.Extensions.Options;

namespace FinOps.Conversation.Anomalies;

/// <summary>Finds an incident by replaying the daily detection from the incident's start up to the latest run date of the data.</summary>
/// <remarks>
/// The replay starts <see cref="LeadDays"/> run dates before the incident, as the alert job's replay does, so the detector
/// reaches the incident in the same state and gives it the same id. Incidents older than <see cref="MaxAgeDays"/> are not
/// looked up (the card then shows the feedback without the numbers).
/// </remarks>
public sealed class ReplayIncidentLookup(ICostQueryService costs, IOptions<AnomalyOptions> options, TimeProvider time) : IAnomalyIncidentLookup
{
    public const int LeadDays = 35;
    public const int MaxAgeDays = 120;

    public async Task<CostAnomaly?> FindAsync(string id, DateOnly start, CancellationToken cancellationToken)
    {
        var coverage = await costs.GetCoverageAsync(cancellationToken);
        if (coverage is null)
        {
            return null;
        }

        var today = CostCalendar.Today(time);
        var runDate = coverage.Dates.End < today ? coverage.Dates.End : today;
        if (runDate <= start || runDate.DayNumber - start.DayNumber > MaxAgeDays)
        {
            return null;
        }

        var anomalies = await new AnomalyDetectionService(costs, options.Value)
            .ReplayAsync(start.AddDays(1 - LeadDays), runDate.AddDays(1), all: false, cancellationToken);
        return anomalies.FirstOrDefault(a => a.Id == id);
    }
}
