using FinOps.Core.Query;

namespace FinOps.Conversation.Visibility;

/// <summary>The cost queries of an answer, limited to the teams the current <see cref="ViewerScope"/> may see.</summary>
/// <remarks>
/// A query naming a hidden team is refused (<see cref="HiddenTeamsException"/>). Any other query gets a team filter of
/// the visible teams, so totals, "other" rows, drivers, trends and charts are computed from visible costs only: a hidden
/// team's numbers are never fetched, so they cannot leak into a sum. Dimension values (the parser's vocabulary) are not
/// narrowed: the parser must recognise a hidden team's name to refuse it by name.
/// </remarks>
public sealed class VisibleCostQueryService(ICostQueryService inner) : ICostQueryService
{
    public Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ViewerScope.Current is { } scope ? inner.QueryAsync(Narrow(query, scope), cancellationToken) : inner.QueryAsync(query, cancellationToken);
    }

    public Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken) =>
        inner.GetDimensionValuesAsync(dimension, cancellationToken);

    public Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken) => inner.GetCoverageAsync(cancellationToken);

    /// <summary>The query limited to the scope's teams; throws when it names a team outside them.</summary>
    public static CostQuery Narrow(CostQuery query, ViewerScope scope)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(scope);
        if (query.Filters.TryGetValue(Dimension.Team, out var requested))
        {
            var hidden = requested.Where(t => !scope.AllowedTeams.Contains(t.Trim())).ToList();
            if (hidden.Count > 0)
            {
                throw new HiddenTeamsException(hidden);
            }

            return query;
        }

        if (scope.AllowedTeams.Count == 0)
        {
            throw new HiddenTeamsException(["(all teams)"]);
        }

        scope.Narrowed = true;
        var filters = new Dictionary<Dimension, IReadOnlyList<string>>(query.Filters)
        {
            [Dimension.Team] = [.. scope.AllowedTeams.Order(StringComparer.Ordinal)],
        };
        return query with { Filters = filters };
    }
}
