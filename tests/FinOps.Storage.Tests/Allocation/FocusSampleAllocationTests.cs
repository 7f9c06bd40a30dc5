using System.Globalization;
using System.Text.Json;
using FinOps.Core.Allocation;
using FinOps.Core.Ingestion;
using FinOps.Core.Query;
using Sylvan.Data.Csv;

namespace FinOps.Storage.Tests.Allocation;

/// <summary>
/// The FOCUS 1.0 sample's real, messy tags (<c>business_unit</c>, <c>CostCenter</c>, <c>org</c> and <c> org</c>) through the
/// real reader, importer, store and rule engine; expected team totals are worked out here straight from the CSV.
/// </summary>
public sealed class FocusSampleAllocationTests : IDisposable
{
    // Most sample rows cost 0; the rules are chosen so tags, hierarchy and both pools each move real (non-zero) cost.
    private const string Rules = """
        version: 1
        teams:
          - key: cc-1234
            aliases: ["1234"]
          - key: trey-org
            aliases: [trey]
          - key: ml
        tags:
          - id: cost-center
            keys: [CostCenter]
          - id: org
            keys: [" org"]
        hierarchy:
          - id: orion-pioneer
            team: ml
            account: Orion Pioneer
        pools:
          - id: peoria-units
            match: { tags: { business_unit: "Peoria*" } }
            split: fixed
            percentages: { cc-1234: 70, trey-org: 30 }
          - id: atlas-accounts
            match: { account: "Atlas *" }
            split: proportional
            teams: [cc-1234, trey-org, ml]
        """;

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cc-1234"] = "cc-1234", ["1234"] = "cc-1234", ["trey-org"] = "trey-org", ["trey"] = "trey-org", ["ml"] = "ml",
    };

    private readonly AllocationHost _host = new(new FocusFileReader());

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Teams_FocusSampleWithRuleFile_MatchIndependentComputation()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "TestData", "focus", "focus-1.0-sample.csv");
        File.WriteAllText(_host.RulesPath, Rules);
        Assert.True((await _host.ImportAsync(sample)).Succeeded);
        var expected = Expected(sample, out var total);
        var september = new DateRange(new DateOnly(2024, 9, 1), new DateOnly(2024, 10, 1));

        var actual = await _host.TeamsAsync(september);

        Assert.Equal(total, actual.Values.Sum());
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (team, amount) in expected)
        {
            // Pool shares are cut at the column's smallest unit (1e-11 here) per row, so compare well below a cent.
            Assert.True(Math.Abs(amount - actual[team]) < 0.000001m, $"{team}: expected {amount}, got {actual[team]}");
        }

        var coverage = Assert.Single(AllocationReports.Coverage(
            (await _host.Get<FinOps.Storage.Costs.SqliteCostStore>().GetEngineAsync(CancellationToken.None)).Cube,
            _host.Get<AllocationRuleSource>().Current,
            CostMetric.EffectiveCost,
            september));
        Assert.True(coverage.ByTag != 0 && coverage.ByHierarchy != 0 && coverage.BySharedSplit != 0, "every rule kind moves real cost");
        Assert.Equal(total, coverage.Total);
    }

    private static Dictionary<string, decimal> Expected(string path, out decimal total)
    {
        var teams = new Dictionary<string, decimal>(StringComparer.Ordinal);
        decimal peoriaPool = 0m, otherPool = 0m;
        total = 0m;
        using var csv = CsvDataReader.Create(path);
        while (csv.Read())
        {
            var amount = decimal.Parse(csv.GetString(csv.GetOrdinal("EffectiveCost")), NumberStyles.Float, CultureInfo.InvariantCulture);
            total += amount;
            var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var json = csv.GetString(csv.GetOrdinal("Tags"));
            if (json.Length > 0 && json != "NULL")
            {
                foreach (var p in JsonDocument.Parse(json).RootElement.EnumerateObject())
                {
                    tags[p.Name.Trim()] = p.Value.GetString() ?? "";
                }
            }

            var account = Null(csv.GetString(csv.GetOrdinal("SubAccountName"))) ?? csv.GetString(csv.GetOrdinal("SubAccountId"));
            string? team = null;
            foreach (var key in new[] { "CostCenter", "org" })
            {
                if (tags.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
                {
                    team = Aliases.GetValueOrDefault(value.Trim()) ?? value.Trim().ToLowerInvariant();
                    break;
                }
            }

            team ??= string.Equals(account, "Orion Pioneer", StringComparison.OrdinalIgnoreCase) ? "ml" : null;
            if (team is null && tags.TryGetValue("business_unit", out var unit) && unit.Trim().StartsWith("Peoria", StringComparison.OrdinalIgnoreCase))
            {
                peoriaPool += amount;
                continue;
            }

            if (team is null && account.StartsWith("Atlas ", StringComparison.OrdinalIgnoreCase))
            {
                otherPool += amount;
                continue;
            }

            team ??= TagTeamAssignment.Unallocated;
            teams[team] = teams.GetValueOrDefault(team) + amount;
        }

        // Proportional: weights are each team's positive direct cost in cents (one month, one currency here).
        var weights = new[] { "cc-1234", "trey-org", "ml" }
            .ToDictionary(t => t, t => Math.Max(0m, Math.Round(teams.GetValueOrDefault(t) * 100m, MidpointRounding.ToEven)));
        var weightTotal = weights.Values.Sum();
        foreach (var (team, weight) in weights)
        {
            teams[team] = teams.GetValueOrDefault(team) + otherPool * weight / weightTotal;
        }

        teams["cc-1234"] += peoriaPool * 0.70m;
        teams["trey-org"] += peoriaPool * 0.30m;
        return teams;
    }

    private static string? Null(string value) => value.Length == 0 || value == "NULL" ? null : value;
}
