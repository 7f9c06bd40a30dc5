using System.Globalization;
using FinOps.Core.Budgets;
using FinOps.Core.Query;
using YamlDotNet.RepresentationModel;

namespace FinOps.Core.Allocation;

/// <summary>The <c>budgets</c> section: one entry per budget.</summary>
/// <remarks>
/// <code>
/// budgets:
///   - team: payments            # or scope: { team: payments, provider: AWS }
///     amount: 25000
///     period: month             # month (default), quarter or year (fiscal)
///     metric: EffectiveCost     # or BilledCost
///     currency: USD             # default USD
///     thresholds: { actual: [80, 100], forecast: [100] }
///     id: payments-month        # default &lt;team&gt;-&lt;period&gt;
/// </code>
/// </remarks>
public static partial class AllocationRulesParser
{
    private static readonly string[] BudgetKeys = ["id", "team", "scope", "amount", "period", "metric", "currency", "thresholds"];
    private static readonly string[] ThresholdKeys = ["actual", "forecast"];

    private sealed partial class Reader
    {
        private List<BudgetDefinition> Budgets(YamlNode node, List<AllocationTeam> teams, Dictionary<string, string> aliases)
        {
            var budgets = new List<BudgetDefinition>();
            var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (item, i) in Sequence(node, "budgets"))
            {
                var field = $"budgets[{i}]";
                var map = Map(item, field, BudgetKeys);
                var scope = new Dictionary<Dimension, IReadOnlyList<string>>();
                string? team = null;
                if (map.TryGetValue("team", out var teamNode))
                {
                    team = ResolveTeam(teamNode, field + ".team", teams, aliases);
                    scope[Dimension.Team] = [team];
                }

                if (map.TryGetValue("scope", out var scopeNode))
                {
                    foreach (var (keyNode, valueNode) in Pairs(scopeNode, field + ".scope"))
                    {
                        var name = Text(keyNode, field + ".scope");
                        var dimensionField = $"{field}.scope.{name}";
                        if (!Dimension.TryParse(name, out var dimension))
                        {
                            throw Error(keyNode, dimensionField, $"unknown dimension; use one of {string.Join(", ", Dimension.Names)} or tag:<key>.");
                        }

                        var values = List(valueNode, dimensionField);
                        if (values.Count == 0)
                        {
                            throw Error(valueNode, dimensionField, "at least one value is needed.");
                        }

                        if (dimension == Dimension.Team)
                        {
                            values = [.. values.Select((v, n) => ResolveTeam(valueNode is YamlSequenceNode s ? s.Children[n] : valueNode, dimensionField, teams, aliases))];
                            if (team is not null && !values.SequenceEqual([team], StringComparer.Ordinal))
                            {
                                throw Error(valueNode, dimensionField, $"names other teams than 'team: {team}'; give the team once.");
                            }
                        }

                        if (!scope.TryAdd(dimension, values) && dimension != Dimension.Team)
                        {
                            throw Error(keyNode, dimensionField, "listed twice.");
                        }
                    }
                }

                if (scope.Count == 0)
                {
                    throw Error(item, field, "a budget needs a team or a scope (e.g. team: payments).");
                }

                if (team is null && scope.TryGetValue(Dimension.Team, out var scopeTeams) && scopeTeams.Count == 1)
                {
                    team = scopeTeams[0];
                }

                if (!map.TryGetValue("amount", out var amountNode))
                {
                    throw Error(item, field + ".amount", "missing; give the budget amount per period, e.g. amount: 25000.");
                }

                var amount = Decimal(amountNode, field + ".amount");
                if (amount <= 0)
                {
                    throw Error(amountNode, field + ".amount", "must be positive.");
                }

                var period = BudgetPeriod.Month;
                if (map.TryGetValue("period", out var periodNode) && !BudgetDefinition.TryParsePeriod(Text(periodNode, field + ".period"), out period))
                {
                    throw Error(periodNode, field + ".period", $"'{Text(periodNode, field + ".period")}' is not a budget period; use month, quarter or year.");
                }

                var metric = CostMetric.EffectiveCost;
                if (map.TryGetValue("metric", out var metricNode) && !BudgetDefinition.TryParseMetric(Text(metricNode, field + ".metric"), out metric))
                {
                    throw Error(metricNode, field + ".metric", $"'{Text(metricNode, field + ".metric")}' is not a budget metric; use EffectiveCost or BilledCost.");
                }

                var currency = "USD";
                if (map.TryGetValue("currency", out var currencyNode))
                {
                    currency = Text(currencyNode, field + ".currency").Trim().ToUpperInvariant();
                    if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
                    {
                        throw Error(currencyNode, field + ".currency", $"'{currency}' is not an ISO 4217 currency code such as USD or EUR.");
                    }
                }

                IReadOnlyList<decimal> actual = BudgetDefinition.DefaultActualThresholds;
                IReadOnlyList<decimal> forecast = BudgetDefinition.DefaultForecastThresholds;
                if (map.TryGetValue("thresholds", out var thresholdsNode))
                {
                    var thresholds = Map(thresholdsNode, field + ".thresholds", ThresholdKeys);
                    if (thresholds.TryGetValue("actual", out var actualNode))
                    {
                        actual = Percentages(actualNode, field + ".thresholds.actual");
                    }

                    if (thresholds.TryGetValue("forecast", out var forecastNode))
                    {
                        forecast = Percentages(forecastNode, field + ".thresholds.forecast");
                    }
                }

                string id;
                YamlNode idNode = item;
                if (map.TryGetValue("id", out var givenId))
                {
                    id = Text(givenId, field + ".id").Trim();
                    idNode = givenId;
                }
                else
                {
                    id = team is not null
                        ? BudgetDefinition.IdFor(team, period)
                        : throw Error(item, field + ".id", "missing; a budget not scoped to one team needs an id.");
                }

                if (!ids.Add(id))
                {
                    throw Error(idNode, field + ".id", $"budget '{id}' is declared twice (ids default to <team>-<period>).");
                }

                budgets.Add(new BudgetDefinition
                {
                    Id = id,
                    Team = team,
                    Scope = scope,
                    Period = period,
                    Metric = metric,
                    Currency = currency,
                    Amount = amount,
                    ActualThresholds = actual,
                    ForecastThresholds = forecast,
                });
            }

            return budgets;
        }

        private List<decimal> Percentages(YamlNode node, string field)
        {
            var values = new List<decimal>();
            foreach (var (item, i) in node is YamlScalarNode ? [(node, 0)] : Sequence(node, field))
            {
                var itemField = node is YamlScalarNode ? field : $"{field}[{i}]";
                var value = Decimal(item, itemField);
                if (value is <= 0 or > 1000)
                {
                    throw Error(item, itemField, string.Create(CultureInfo.InvariantCulture, $"{value} is not a percentage of the limit between 0 and 1000."));
                }

                values.Add(value);
            }

            return values;
        }
    }
}
