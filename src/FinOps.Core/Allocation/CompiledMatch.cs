using FinOps.Core.Query;

namespace FinOps.Core.Allocation;

/// <summary>A rule's filter resolved against one cube: a mask per stored column (by value code) and per tag set.</summary>
internal sealed class CompiledMatch
{
    private readonly int[][] _columns;
    private readonly bool[][] _masks;
    private readonly bool[]? _tagSetMask;
    private readonly byte[]? _statusColumn;
    private readonly bool[]? _statusMask;

    private CompiledMatch(List<(int[] Column, bool[] Mask)> columns, bool[]? tagSetMask, byte[]? statusColumn, bool[]? statusMask)
    {
        _columns = [.. columns.Select(c => c.Column)];
        _masks = [.. columns.Select(c => c.Mask)];
        _tagSetMask = tagSetMask;
        _statusColumn = statusColumn;
        _statusMask = statusMask;
    }

    public static CompiledMatch ForHierarchy(CostCube cube, HierarchyRule rule)
    {
        var columns = new List<(int[], bool[])>();
        AddColumn(cube, columns, DimensionKind.Provider, rule.Providers);
        AddColumn(cube, columns, DimensionKind.BillingAccount, rule.BillingAccounts);
        AddColumn(cube, columns, DimensionKind.Account, rule.Accounts);
        if (rule.ResourceGroups.Count > 0)
        {
            var matcher = new GlobMatcher(rule.ResourceGroups);
            columns.Add((cube.ColumnCodes[(int)DimensionKind.Resource],
                [.. cube.ValueArray(DimensionKind.Resource).Select((v, c) => Names(cube, DimensionKind.Resource, c, v).Any(n => matcher.IsMatch(GlobMatcher.ResourceGroupOf(n))))]));
        }

        AddColumn(cube, columns, DimensionKind.Resource, rule.Resources);
        return new CompiledMatch(columns, null, null, null);
    }

    public static CompiledMatch ForPool(CostCube cube, PoolFilter filter)
    {
        var columns = new List<(int[], bool[])>();
        AddColumn(cube, columns, DimensionKind.Provider, filter.Providers);
        AddColumn(cube, columns, DimensionKind.BillingAccount, filter.BillingAccounts);
        AddColumn(cube, columns, DimensionKind.Account, filter.Accounts);
        AddColumn(cube, columns, DimensionKind.Service, filter.Services);
        AddColumn(cube, columns, DimensionKind.Category, filter.Categories);
        AddColumn(cube, columns, DimensionKind.Region, filter.Regions);
        AddColumn(cube, columns, DimensionKind.ChargeCategory, filter.ChargeCategories);
        AddColumn(cube, columns, DimensionKind.PricingCategory, filter.PricingCategories);
        AddColumn(cube, columns, DimensionKind.Resource, filter.Resources);

        bool[]? tagSetMask = null;
        if (filter.Tags.Count > 0 || filter.Untagged is not null)
        {
            var matchers = filter.Tags.Select(kv => (Key: kv.Key.Trim(), Matcher: new GlobMatcher([kv.Value]))).ToArray();
            tagSetMask = new bool[cube.TagSetCount];
            for (var t = 0; t < tagSetMask.Length; t++)
            {
                var tags = cube.Tags(t);
                var ok = filter.Untagged is not { } untagged || untagged == (tags.Count == 0);
                foreach (var (key, matcher) in matchers)
                {
                    ok &= tags.TryGetValue(key, out var value) && matcher.IsMatch(value);
                }

                tagSetMask[t] = ok;
            }
        }

        bool[]? statusMask = null;
        if (filter.CommitmentDiscountStatuses.Count > 0)
        {
            var matcher = new GlobMatcher(filter.CommitmentDiscountStatuses);
            statusMask = [.. cube.CommitmentStatusValues.Select(matcher.IsMatch)];
        }

        return new CompiledMatch(columns, tagSetMask, statusMask is null ? null : cube.CommitmentStatusColumn, statusMask);
    }

    public bool Matches(int fact, int tagSet)
    {
        if (_tagSetMask is not null && !_tagSetMask[tagSet])
        {
            return false;
        }

        if (_statusMask is not null && !_statusMask[_statusColumn![fact]])
        {
            return false;
        }

        for (var c = 0; c < _columns.Length; c++)
        {
            if (!_masks[c][_columns[c][fact]])
            {
                return false;
            }
        }

        return true;
    }

    private static void AddColumn(CostCube cube, List<(int[], bool[])> columns, DimensionKind kind, IReadOnlyList<string> patterns)
    {
        if (patterns.Count == 0)
        {
            return;
        }

        var matcher = new GlobMatcher(patterns);
        columns.Add((cube.ColumnCodes[(int)kind], [.. cube.ValueArray(kind).Select((v, c) => Names(cube, kind, c, v).Any(matcher.IsMatch))]));
    }

    /// <summary>A value's display text and its aliases (ids), any of which a rule may name.</summary>
    private static IEnumerable<string> Names(CostCube cube, DimensionKind kind, int code, string value) =>
        cube.AliasesOf(kind, code).Prepend(value);
}
