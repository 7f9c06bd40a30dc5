using System.Text;
using System.Text.Json;
using FinOps.Conversation.Questions;
using FinOps.Demo;
using FinOps.Core.Query;
using Sylvan.Data.Csv;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>The values of data written by <see cref="FocusDemoGenerator"/>, listed the way the store presents them.</summary>
/// <remarks>
/// Provider = ProviderName; service = ServiceName; category = ServiceCategory; account = SubAccountName else
/// SubAccountId; billing account = BillingAccountName else BillingAccountId; region = RegionId else RegionName;
/// environment = tag environment else env, lower-cased; team = tag team (key trimmed, case-insensitive) trimmed and
/// lower-cased, else "Unallocated"; tag values for the configured tag keys. Generated once per test run at the size the
/// host seeds by default (DemoDataOptions.DefaultTargetRows): smaller data lacks some accounts, teams and the EUR account.
/// </remarks>
public static class RealDemoCatalog
{
    public static readonly DateOnly AsOf = new(2026, 11, 23);

    private static readonly Lazy<Loaded> Data = new(Load);

    private static readonly Lazy<ValueCatalog> LazyCatalog = new(() => new ValueCatalog(Values));

    public static IReadOnlyDictionary<Dimension, IReadOnlyList<string>> Values => Data.Value.Values;

    public static ValueCatalog Catalog => LazyCatalog.Value;

    /// <summary>The charge dates (inclusive) and billing currencies of the generated data, as the store's coverage reports them.</summary>
    public static DemoCoverage Coverage => Data.Value.Coverage;

    public sealed record DemoCoverage(DateOnly FirstDay, DateOnly LastDay, IReadOnlyList<string> Currencies);

    private sealed record Loaded(IReadOnlyDictionary<Dimension, IReadOnlyList<string>> Values, DemoCoverage Coverage);

    private static Loaded Load()
    {
        using var stream = new MemoryStream();
        var result = new FocusDemoGenerator().Write(stream, new DemoDataOptions { EndDate = AsOf, TargetRows = DemoDataOptions.DefaultTargetRows, Seed = 42 }, CancellationToken.None);
        stream.Position = 0;

        var tagKeys = ConversationOptions.DefaultTagKeys;
        var sets = new Dictionary<Dimension, SortedSet<string>>();
        void Add(Dimension dimension, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            if (!sets.TryGetValue(dimension, out var set))
            {
                set = new SortedSet<string>(StringComparer.Ordinal);
                sets[dimension] = set;
            }

            set.Add(value);
        }

        using var text = new StreamReader(stream, Encoding.UTF8);
        using var csv = CsvDataReader.Create(text);
        int Col(string name) => csv.GetOrdinal(name);
        var provider = Col("ProviderName");
        var service = Col("ServiceName");
        var category = Col("ServiceCategory");
        var subName = Col("SubAccountName");
        var subId = Col("SubAccountId");
        var billName = Col("BillingAccountName");
        var billId = Col("BillingAccountId");
        var regionId = Col("RegionId");
        var regionName = Col("RegionName");
        var tags = Col("Tags");
        var currency = Col("BillingCurrency");
        var currencies = new SortedSet<string>(StringComparer.Ordinal);
        var seenTags = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            Add(Dimension.Of(DimensionKind.Provider), csv.GetString(provider));
            Add(Dimension.Of(DimensionKind.Service), csv.GetString(service));
            Add(Dimension.Of(DimensionKind.Category), csv.GetString(category));
            Add(Dimension.Of(DimensionKind.Account), First(csv.GetString(subName), csv.GetString(subId)));
            Add(Dimension.Of(DimensionKind.BillingAccount), First(csv.GetString(billName), csv.GetString(billId)));
            Add(Dimension.Of(DimensionKind.Region), First(csv.GetString(regionId), csv.GetString(regionName)));
            currencies.Add(csv.GetString(currency));
            var json = csv.GetString(tags);
            if (seenTags.Add(json))
            {
                var map = ParseTags(json);
                Add(Dimension.Of(DimensionKind.Environment), (Get(map, "environment") ?? Get(map, "env"))?.ToLowerInvariant());
                Add(Dimension.Of(DimensionKind.Team), Get(map, "team")?.ToLowerInvariant() ?? TagTeamAssignment.Unallocated);
                foreach (var key in tagKeys)
                {
                    Add(Dimension.Tag(key), Get(map, key));
                }
            }
        }

        return new Loaded(
            sets.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[.. p.Value]),
            new DemoCoverage(result.FirstDay, result.LastDay, [.. currencies]));
    }

    private static string? First(string a, string b) => string.IsNullOrWhiteSpace(a) ? b : a;

    private static string? Get(Dictionary<string, string> tags, string key) =>
        tags.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static Dictionary<string, string> ParseTags(string json)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(json))
        {
            return map;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String)
            {
                map[property.Name.Trim()] = property.Value.GetString() ?? "";
            }
        }

        return map;
    }
}
