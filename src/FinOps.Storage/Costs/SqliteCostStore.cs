using System.Text.Json;
using FinOps.Core.Query;
using FinOps.Storage.Data;
using Microsoft.Data.Sqlite;

namespace FinOps.Storage.Costs;

/// <summary>Answers cost queries from an in-memory <see cref="CostCube"/> loaded from SQLite and rebuilt after each import.</summary>
/// <remarks>
/// The snapshot is loaded on the first query after start, after any successful import (by this or another
/// process) and after <see cref="Invalidate"/>. A reload reads everything inside one read transaction (one WAL
/// snapshot), so an import committing meanwhile is either wholly in the new cube or wholly out of it; questions
/// keep being answered from the old snapshot until the new one is built, then the two are swapped.
/// A billing slice whose stored data cannot be read is left out of the cube and named by
/// <see cref="CostDataUnavailableException"/> for the questions whose period touches it; all other questions are answered.
/// Display values: account is SubAccountName, else SubAccountId; billing account
/// is BillingAccountName, else its id; resource is ResourceName, else ResourceId; region is RegionId, else RegionName.
/// When a name is shown, its id is kept as an alias in the cube (<see cref="CostCube.AliasesOf"/>) for allocation rules.
/// </remarks>
public sealed class SqliteCostStore : ICostQueryService, IDisposable
{
    private readonly CostDatabase _database;
    private readonly ITeamAssignment _teamAssignment;
    private readonly Lock _reloadLock = new();
    private Task<Snapshot>? _reloading;
    private Snapshot? _current;
    private long _version;

    public SqliteCostStore(CostDatabase database, ITeamAssignment teamAssignment)
    {
        _database = database;
        _teamAssignment = teamAssignment;
    }

    /// <summary>Test hook: runs inside a reload's read transaction, after the dimension values are read and before the segments are.</summary>
    internal Func<CancellationToken, Task>? BetweenReads { get; set; }

    /// <summary>Billing slices left out of the current snapshot because their stored data cannot be read.</summary>
    public IReadOnlyList<DamagedSlice> DamagedSlices => Volatile.Read(ref _current)?.Damaged ?? [];

    /// <summary>Marks the snapshot stale; the next query starts a reload and is answered from the old snapshot meanwhile.</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    /// <summary>Keeps the loaded cube but forgets its team allocation, so the next query re-applies the current allocation rules.</summary>
    /// <remarks>Much cheaper than <see cref="Invalidate"/> after a rule change: nothing is re-read from SQLite.</remarks>
    public void ReassignTeams()
    {
        var current = Volatile.Read(ref _current);
        if (current is not null)
        {
            // A load racing with this builds its engine with the current rules anyway; losing the exchange is fine.
            Interlocked.CompareExchange(ref _current, current with { Engine = new CostQueryEngine(current.Engine.Cube, _teamAssignment) }, current);
        }
    }

    /// <summary>The current engine (and its cube); waits for a load only when there is no snapshot yet.</summary>
    /// <remarks>
    /// Each call reads the id of the latest successful import (one indexed lookup), so an import made by another
    /// process (the <c>import</c> verb while the bot serves) starts a reload; until it is done, the old snapshot answers.
    /// </remarks>
    public async Task<CostQueryEngine> GetEngineAsync(CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(cancellationToken)).Engine;

    /// <summary>Builds a snapshot of what the store holds now (unless the current one is it) and swaps it in before returning.</summary>
    /// <remarks>The importer calls this after a run, so that its own process answers from the new data as soon as the run returns.</remarks>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var version = await CurrentVersionAsync(cancellationToken);
        await ReloadAsync(version, cancellationToken);
    }

    /// <summary>Like <see cref="RefreshAsync"/>, but only when a snapshot was loaded (a CLI import need not build one).</summary>
    public async Task RefreshIfLoadedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _current) is not null)
        {
            await RefreshAsync(cancellationToken);
        }
    }

    public async Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var snapshot = await GetSnapshotAsync(cancellationToken);
        ThrowIfDamaged(snapshot, query.Period);
        if (query.ComparePeriod is { } compare)
        {
            ThrowIfDamaged(snapshot, compare);
        }

        try
        {
            return snapshot.Engine.Execute(query);
        }
        catch (OverflowException e)
        {
            throw new CostDataUnavailableException(
                $"The costs for {query.Period} add up to more than a decimal can hold ({e.Message}); the store holds amounts no export should have. Re-import the exports of that period.",
                e);
        }
    }

    public async Task<IReadOnlyList<string>> GetDimensionValuesAsync(Dimension dimension, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        var engine = await GetEngineAsync(cancellationToken);
        return engine.DimensionValues(dimension);
    }

    public async Task<DataCoverage?> GetCoverageAsync(CancellationToken cancellationToken)
    {
        var engine = await GetEngineAsync(cancellationToken);
        if (engine.Cube.Dates is not { } dates)
        {
            return null;
        }

        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(ImportedAt) FROM Imports WHERE Status = 'imported'";
        var ticks = await command.ExecuteScalarAsync(cancellationToken);
        var lastImport = ticks is long t ? new DateTimeOffset(t, TimeSpan.Zero) : DateTimeOffset.MinValue;
        return new DataCoverage(dates, lastImport, [.. engine.Cube.Currencies.Order(StringComparer.Ordinal)]);
    }

    public void Dispose()
    {
        // Nothing to release: a reload still running finishes on its own and is dropped with the store.
    }

    private static void ThrowIfDamaged(Snapshot snapshot, DateRange period)
    {
        foreach (var damaged in snapshot.Damaged)
        {
            if (damaged.Dates.Start < period.End && period.Start < damaged.Dates.End)
            {
                throw new CostDataUnavailableException(
                    $"The costs for {period} cannot be answered: the stored data of {damaged.Describe()} is damaged ({damaged.Problem}). " +
                    "Re-import that billing period's export to repair it; questions about other periods are not affected.");
            }
        }
    }

    private async Task<Snapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        var version = await CurrentVersionAsync(cancellationToken);
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Version == version)
        {
            return current;
        }

        var reload = ReloadAsync(version, CancellationToken.None);
        if (current is not null)
        {
            // Answer from the snapshot we have: the reload builds the new one aside and swaps it in when done.
            _ = reload.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return current;
        }

        return await reload.WaitAsync(cancellationToken);
    }

    private async Task<(long Import, long Local)> CurrentVersionAsync(CancellationToken cancellationToken) =>
        (await LatestImportAsync(cancellationToken), Interlocked.Read(ref _version));

    /// <summary>Waits for a snapshot at least as new as <paramref name="version"/>, starting loads as needed (one at a time).</summary>
    private async Task<Snapshot> ReloadAsync((long Import, long Local) version, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = Volatile.Read(ref _current);
            if (current is not null && IsAtLeast(current.Version, version))
            {
                return current;
            }

            Task<Snapshot> loading;
            lock (_reloadLock)
            {
                if (_reloading is null || _reloading.IsCompleted)
                {
                    _reloading = Task.Run(LoadSnapshotAsync, CancellationToken.None);
                }

                loading = _reloading;
            }

            var loaded = await loading.WaitAsync(cancellationToken);
            if (IsAtLeast(loaded.Version, version))
            {
                return loaded;
            }

            // That load began before the import we wait for was committed: the next one will see it.
        }
    }

    private static bool IsAtLeast((long Import, long Local) have, (long Import, long Local) want) =>
        have.Import >= want.Import && have.Local >= want.Local;

    private async Task<Snapshot> LoadSnapshotAsync()
    {
        var local = Interlocked.Read(ref _version);
        var (cube, import, damaged) = await LoadCubeAsync(CancellationToken.None);
        var snapshot = new Snapshot(new CostQueryEngine(cube, _teamAssignment), (import, local), damaged);
        lock (_reloadLock)
        {
            // Loads run one at a time, so a newer snapshot than this one cannot be in place; swap atomically.
            Volatile.Write(ref _current, snapshot);
        }

        return snapshot;
    }

    private async Task<(CostCube Cube, long Import, IReadOnlyList<DamagedSlice> Damaged)> LoadCubeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);

        // One read transaction: in WAL mode it reads one snapshot of the file from its first SELECT to its end, so an
        // import committing between the reads below cannot leave segments pointing at values this load never saw.
        await using var transaction = connection.BeginTransaction(deferred: true);
        long import;
        await using (var latest = connection.CreateCommand())
        {
            latest.Transaction = transaction;
            latest.CommandText = "SELECT COALESCE(MAX(Id), 0) FROM Imports WHERE Status = 'imported'";
            import = (long)(await latest.ExecuteScalarAsync(cancellationToken) ?? 0L);
        }

        var values = await LoadValuesAsync(connection, transaction, cancellationToken);
        if (BetweenReads is { } hook)
        {
            await hook(cancellationToken);
        }

        long count;
        await using (var countCommand = connection.CreateCommand())
        {
            countCommand.Transaction = transaction;
            countCommand.CommandText = "SELECT COALESCE(SUM(Facts), 0) FROM CostFactSegments";
            count = (long)(await countCommand.ExecuteScalarAsync(cancellationToken) ?? 0L);
        }

        var builder = new CostCubeBuilder((int)Math.Min(count, int.MaxValue / 2));
        var (tagSetCodes, badTagSets) = await LoadTagSetsAsync(connection, transaction, builder, cancellationToken);
        var codes = new CodeMap(builder, values);

        // An amount above this could make a sum over the whole cube overflow decimal: no export holds such amounts.
        var amountLimit = decimal.MaxValue / Math.Max(count, 1);
        var damaged = new Dictionary<int, DamagedSlice>();
        using var segments = new RawStatement(
            connection,
            "SELECT g.Id, s.ProviderRef, s.BillingAccountIdRef, g.Data, g.Facts, g.SliceId, s.BillingPeriodStart " +
            "FROM CostFactSegments g JOIN BillingSlices s ON s.Id = g.SliceId ORDER BY g.SliceId, g.Id");
        var segment = new FactSegment();
        var lastDateKey = -1;
        var lastDate = default(DateOnly);
        var sliceId = -1;
        var sliceStart = default(DateOnly);
        var sliceEnd = default(DateOnly);
        while (segments.Step())
        {
            if (segments.Int32(5) != sliceId)
            {
                sliceId = segments.Int32(5);
                sliceStart = SliceStart(segments.Blob(6));
                sliceEnd = sliceStart == DateOnly.MinValue ? DateOnly.MaxValue : sliceStart.AddMonths(1);
            }

            if (damaged.ContainsKey(sliceId))
            {
                continue;
            }

            var problem = Check(segments, segment, sliceStart, values.Length, tagSetCodes, badTagSets, amountLimit);
            if (problem is not null)
            {
                damaged[sliceId] = new DamagedSlice(
                    Value(values, segments.Int32(1)),
                    Value(values, segments.Int32(2)),
                    sliceStart,
                    new DateRange(sliceStart, sliceEnd),
                    $"cost fact segment {segments.Int32(0)}: {problem}");
                continue;
            }

            var provider = codes.Code(DimensionKind.Provider, segments.Int32(1));
            var billingAccountId = segments.Int32(2);
            var dates = segment[FactIdColumn.ChargeDate];
            var currencies = segment[FactIdColumn.Currency];
            var tagSets = segment[FactIdColumn.TagSet];
            var services = segment[FactIdColumn.Service];
            var categories = segment[FactIdColumn.ServiceCategory];
            var regions = segment[FactIdColumn.Region];
            var accountNames = segment[FactIdColumn.SubAccountName];
            var accountIds = segment[FactIdColumn.SubAccountId];
            var billingAccountNames = segment[FactIdColumn.BillingAccountName];
            var resourceNames = segment[FactIdColumn.ResourceName];
            var resourceIds = segment[FactIdColumn.ResourceId];
            var chargeCategories = segment[FactIdColumn.ChargeCategory];
            var pricingCategories = segment[FactIdColumn.PricingCategory];
            var statuses = segment[FactIdColumn.CommitmentDiscountStatus];
            var billed = segment[FactAmountColumn.BilledCost];
            var effective = segment[FactAmountColumn.EffectiveCost];
            var list = segment[FactAmountColumn.ListCost];
            var contracted = segment[FactAmountColumn.ContractedCost];
            for (var i = 0; i < segment.Count; i++)
            {
                var dateKey = dates[i];
                if (dateKey != lastDateKey)
                {
                    lastDate = new DateOnly(dateKey / 10000, dateKey / 100 % 100, dateKey % 100);
                    lastDateKey = dateKey;
                }

                builder.Add(new CostCubeFact(
                    lastDate,
                    codes.Currency(currencies[i]),
                    tagSetCodes[tagSets[i]],
                    provider,
                    codes.Code(DimensionKind.Service, services[i]),
                    codes.Code(DimensionKind.Category, categories[i]),
                    codes.Code(DimensionKind.Region, regions[i]),
                    codes.NamedCode(DimensionKind.Account, accountNames[i], accountIds[i]),
                    codes.NamedCode(DimensionKind.BillingAccount, billingAccountNames[i], billingAccountId),
                    codes.NamedCode(DimensionKind.Resource, resourceNames[i], resourceIds[i]),
                    codes.Code(DimensionKind.ChargeCategory, chargeCategories[i]),
                    codes.Code(DimensionKind.PricingCategory, pricingCategories[i]),
                    billed[i],
                    effective[i],
                    list[i],
                    contracted[i])
                {
                    CommitmentDiscountStatus = codes.CommitmentStatus(statuses[i]),
                });
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return (builder.Build(), import, [.. damaged.Values]);
    }

    /// <summary>Decodes a segment and checks what the cube relies on; the problem found, or null when the segment can be loaded.</summary>
    /// <remarks>
    /// Catches what an older build or a damaged file can leave behind: bytes that do not decode, a fact count that
    /// disagrees with the row, references to values or tag sets that are not there, charge dates far from the
    /// slice's billing period (9999-12-31), and amounts so large that sums could overflow decimal.
    /// </remarks>
    private static string? Check(RawStatement row, FactSegment segment, DateOnly periodStart, int valueCount, int[] tagSetCodes, Dictionary<int, string> badTagSets, decimal amountLimit)
    {
        try
        {
            FactSegmentCodec.Decode(row.Blob(3), segment);
        }
        catch (InvalidDataException e)
        {
            return e.Message;
        }

        // The row's own count catches what the bytes cannot show: a wrong count in a segment whose columns are all constant.
        if (segment.Count != row.Int32(4))
        {
            return $"it holds {segment.Count} facts but its row says {row.Int32(4)}";
        }

        if (row.Int32(1) >= valueCount || row.Int32(2) >= valueCount || row.Int32(1) < 0 || row.Int32(2) < 0)
        {
            return "its billing slice names a dimension value that is not stored";
        }

        var earliest = periodStart == DateOnly.MinValue ? DateOnly.MinValue : periodStart.AddYears(-1);
        var latest = periodStart == DateOnly.MinValue ? DateOnly.MinValue : periodStart.AddYears(1);
        var lastDateKey = -1;
        var dates = segment[FactIdColumn.ChargeDate];
        for (var i = 0; i < segment.Count; i++)
        {
            if (dates[i] == lastDateKey)
            {
                continue;
            }

            lastDateKey = dates[i];
            var (year, month, day) = (lastDateKey / 10000, lastDateKey / 100 % 100, lastDateKey % 100);
            if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
                || new DateOnly(year, month, day) is var date && (date < earliest || date > latest))
            {
                return $"charge date {lastDateKey} is not a date within a year of its billing period {periodStart:yyyy-MM-dd}";
            }
        }

        foreach (var column in Enum.GetValues<FactIdColumn>())
        {
            if (column == FactIdColumn.ChargeDate)
            {
                continue;
            }

            var ids = segment[column];
            var limit = column == FactIdColumn.TagSet ? tagSetCodes.Length : valueCount;
            for (var i = 0; i < segment.Count; i++)
            {
                if ((uint)ids[i] >= (uint)limit)
                {
                    return $"{column} of fact {i} refers to id {ids[i]}, which is not stored";
                }
            }

            if (column == FactIdColumn.TagSet && badTagSets.Count > 0)
            {
                for (var i = 0; i < segment.Count; i++)
                {
                    if (badTagSets.TryGetValue(ids[i], out var tagProblem))
                    {
                        return $"tag set {ids[i]} cannot be read: {tagProblem}";
                    }
                }
            }
        }

        foreach (var column in Enum.GetValues<FactAmountColumn>())
        {
            var amounts = segment[column];
            for (var i = 0; i < segment.Count; i++)
            {
                if (decimal.Abs(amounts[i]) > amountLimit)
                {
                    return $"{column} {amounts[i]} of fact {i} is too large: sums over the store would overflow decimal";
                }
            }
        }

        return null;
    }

    private static DateOnly SliceStart(ReadOnlySpan<byte> text) =>
        DateOnly.TryParseExact(System.Text.Encoding.UTF8.GetString(text), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var start)
            ? start
            : DateOnly.MinValue;

    private static string Value(string?[] values, int id) => (uint)id < (uint)values.Length ? values[id] ?? string.Empty : $"#{id}";

    private async Task<long> LatestImportAsync(CancellationToken cancellationToken)
    {
        await _database.EnsureReadyAsync(cancellationToken);
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(Id), 0) FROM Imports WHERE Status = 'imported'";
        return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
    }

    private static async Task<string?[]> LoadValuesAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var byId = new Dictionary<int, string>();
        var max = 0;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT Id, Value FROM DimensionValues";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt32(0);
            byId[id] = reader.GetString(1);
            max = Math.Max(max, id);
        }

        var values = new string?[max + 1];
        foreach (var (id, value) in byId)
        {
            values[id] = value;
        }

        return values;
    }

    /// <summary>Cube codes by tag set id; a tag set whose JSON cannot be read is left out and named, so only the slices using it fail.</summary>
    private static async Task<(int[] Codes, Dictionary<int, string> Bad)> LoadTagSetsAsync(
        SqliteConnection connection, SqliteTransaction transaction, CostCubeBuilder builder, CancellationToken cancellationToken)
    {
        var sets = new List<(int Id, Dictionary<string, string> Tags)>();
        var bad = new Dictionary<int, string>();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT Id, Json FROM TagSets";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var max = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt32(0);
            max = Math.Max(max, id);
            try
            {
                sets.Add((id, JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(1)) ?? []));
            }
            catch (JsonException e)
            {
                bad[id] = e.Message;
            }
        }

        var codes = new int[max + 1];
        foreach (var (id, tags) in sets)
        {
            codes[id] = builder.AddTagSet(tags);
        }

        return (codes, bad);
    }

    private sealed record Snapshot(CostQueryEngine Engine, (long Import, long Local) Version, IReadOnlyList<DamagedSlice> Damaged);

    /// <summary>Maps store dictionary ids to cube codes, one lookup per distinct value and column.</summary>
    private sealed class CodeMap
    {
        private readonly CostCubeBuilder _builder;
        private readonly string?[] _values;
        private readonly int[][] _codes = new int[(int)DimensionKind.Tag + 1][];
        private readonly int[] _currencies;
        private int[]? _statusCodes;
        private readonly int[][] _lastAlias = new int[(int)DimensionKind.Tag + 1][];
        private readonly HashSet<(int Kind, int Code, int Alias)> _aliasesAdded = [];

        public CodeMap(CostCubeBuilder builder, string?[] values)
        {
            _builder = builder;
            _values = values;
            _currencies = New(values.Length);
        }

        public int Code(DimensionKind kind, int valueId)
        {
            var codes = _codes[(int)kind] ??= New(_values.Length);
            var code = codes[valueId];
            if (code < 0)
            {
                code = _builder.AddValue(kind, valueId == 0 ? null : _values[valueId]);
                codes[valueId] = code;
            }

            return code;
        }

        /// <summary>The code of a value shown by its name (else its id); the id is kept as an alias so rules can name either.</summary>
        public int NamedCode(DimensionKind kind, int nameId, int idId)
        {
            if (nameId == 0)
            {
                return Code(kind, idId);
            }

            var code = Code(kind, nameId);
            if (idId != 0 && idId != nameId)
            {
                // One array slot per name remembers the last id seen, so the common case costs no hashing.
                var last = _lastAlias[(int)kind] ??= New(_values.Length);
                if (last[nameId] != idId)
                {
                    last[nameId] = idId;
                    if (_aliasesAdded.Add(((int)kind, code, idId)))
                    {
                        _builder.AddAlias(kind, code, _values[idId] ?? "");
                    }
                }
            }

            return code;
        }

        public int CommitmentStatus(int valueId)
        {
            if (valueId == 0)
            {
                return 0;
            }

            var codes = _statusCodes ??= New(_values.Length);
            var code = codes[valueId];
            if (code < 0)
            {
                code = _builder.AddCommitmentDiscountStatus(_values[valueId]);
                codes[valueId] = code;
            }

            return code;
        }

        public int Currency(int valueId)
        {
            var code = _currencies[valueId];
            if (code < 0)
            {
                code = _builder.AddCurrency(_values[valueId] ?? "???");
                _currencies[valueId] = code;
            }

            return code;
        }

        private static int[] New(int length)
        {
            var array = new int[length];
            Array.Fill(array, -1);
            return array;
        }
    }
}
