using System.Text.Json;
using FinOps.Core.Query;
using FinOps.Storage.Data;
using Microsoft.Data.Sqlite;

namespace FinOps.Storage.Costs;

/// <summary>Answers cost queries from an in-memory <see cref="CostCube"/> loaded from SQLite and rebuilt after each import.</summary>
/// <remarks>
/// The snapshot is loaded on the first query after start, after any successful import (by this or another
/// process) and after <see cref="Invalidate"/>. Display values: account is SubAccountName, else SubAccountId; billing account
/// is BillingAccountName, else its id; resource is ResourceName, else ResourceId; region is RegionId, else RegionName.
/// When a name is shown, its id is kept as an alias in the cube (<see cref="CostCube.AliasesOf"/>) for allocation rules.
/// </remarks>
public sealed class SqliteCostStore : ICostQueryService, IDisposable
{
    private readonly CostDatabase _database;
    private readonly ITeamAssignment _teamAssignment;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Snapshot? _current;
    private long _version;

    public SqliteCostStore(CostDatabase database, ITeamAssignment teamAssignment)
    {
        _database = database;
        _teamAssignment = teamAssignment;
    }

    /// <summary>Drops the cached snapshot; the next query reloads it (e.g. after allocation rules change).</summary>
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

    /// <summary>The current engine (and its cube), loading the snapshot if needed.</summary>
    /// <remarks>
    /// Each call reads the id of the latest successful import (one indexed lookup), so an import made by another
    /// process (the <c>import</c> verb while the bot serves) is picked up by the next query too.
    /// </remarks>
    public async Task<CostQueryEngine> GetEngineAsync(CancellationToken cancellationToken)
    {
        var version = (await LatestImportAsync(cancellationToken), Interlocked.Read(ref _version));
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Version == version)
        {
            return current.Engine;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            version = (await LatestImportAsync(cancellationToken), Interlocked.Read(ref _version));
            if (_current is not null && _current.Version == version)
            {
                return _current.Engine;
            }

            var cube = await LoadCubeAsync(cancellationToken);
            var engine = new CostQueryEngine(cube, _teamAssignment);
            Volatile.Write(ref _current, new Snapshot(engine, version));
            return engine;
        }
        finally
        {
            _loading.Release();
        }
    }

    public async Task<CostQueryResult> QueryAsync(CostQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var engine = await GetEngineAsync(cancellationToken);
        return engine.Execute(query);
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

    public void Dispose() => _loading.Dispose();

    private async Task<CostCube> LoadCubeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        var values = await LoadValuesAsync(connection, cancellationToken);

        long count;
        await using (var countCommand = connection.CreateCommand())
        {
            countCommand.CommandText = "SELECT COALESCE(SUM(Facts), 0) FROM CostFactSegments";
            count = (long)(await countCommand.ExecuteScalarAsync(cancellationToken) ?? 0L);
        }

        var builder = new CostCubeBuilder((int)Math.Min(count, int.MaxValue / 2));
        var tagSetCodes = await LoadTagSetsAsync(connection, builder, cancellationToken);
        var codes = new CodeMap(builder, values);

        using var segments = new RawStatement(
            connection,
            "SELECT g.Id, s.ProviderRef, s.BillingAccountIdRef, g.Data, g.Facts FROM CostFactSegments g JOIN BillingSlices s ON s.Id = g.SliceId");
        var segment = new FactSegment();
        var lastDateKey = -1;
        var lastDate = default(DateOnly);
        while (segments.Step())
        {
            try
            {
                FactSegmentCodec.Decode(segments.Blob(3), segment);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{_database.DatabasePath}: cost fact segment {segments.Int32(0)}: {e.Message}", e);
            }

            // The row's own count catches what the bytes cannot show: a wrong count in a segment whose columns are all constant.
            if (segment.Count != segments.Int32(4))
            {
                throw new InvalidDataException(
                    $"{_database.DatabasePath}: cost fact segment {segments.Int32(0)}: it holds {segment.Count} facts but its row says {segments.Int32(4)}.");
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

        return builder.Build();
    }

    private async Task<long> LatestImportAsync(CancellationToken cancellationToken)
    {
        await _database.EnsureReadyAsync(cancellationToken);
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(Id), 0) FROM Imports WHERE Status = 'imported'";
        return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
    }

    private static async Task<string?[]> LoadValuesAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var byId = new Dictionary<int, string>();
        var max = 0;
        await using var command = connection.CreateCommand();
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

    private static async Task<int[]> LoadTagSetsAsync(SqliteConnection connection, CostCubeBuilder builder, CancellationToken cancellationToken)
    {
        var sets = new List<(int Id, Dictionary<string, string> Tags)>();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, Json FROM TagSets";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var max = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt32(0);
            sets.Add((id, JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(1)) ?? []));
            max = Math.Max(max, id);
        }

        var codes = new int[max + 1];
        foreach (var (id, tags) in sets)
        {
            codes[id] = builder.AddTagSet(tags);
        }

        return codes;
    }

    private sealed record Snapshot(CostQueryEngine Engine, (long Import, long Local) Version);

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
