using System.Security.Cryptography;
using System.Text;
using FinOps.Core.Allocation;
using FinOps.Core.People;
using FinOps.Storage.Costs;
using FinOps.Storage.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinOps.Storage.Allocation;

/// <summary>Loads <c>allocation.yaml</c> into the <see cref="AllocationRuleSource"/> and reloads it when its content changes.</summary>
/// <remarks>
/// A changed file is parsed first; only a valid file replaces the rules (then the cost store drops its team allocation,
/// keeping the loaded cube, so the next query re-allocates). An invalid file is rejected with its file:line:column error logged and kept in
/// <see cref="LastError"/>, and the previous rules stay active. A missing file means <see cref="AllocationRules.Default"/>.
/// The company directory (<see cref="DirectorySource"/>) is built from the rules in force, so it follows the same reloads.
/// </remarks>
public sealed partial class AllocationReloader
{
    private readonly AllocationRuleSource _source;
    private readonly SqliteCostStore _store;
    private readonly ILogger<AllocationReloader> _logger;
    private readonly Lock _gate = new();
    private string? _loadedHash;
    private bool _loaded;

    public AllocationReloader(
        AllocationRuleSource source,
        SqliteCostStore store,
        CostDatabase database,
        IOptions<AllocationOptions> options,
        ILogger<AllocationReloader> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        _source = source;
        _store = store;
        _logger = logger;
        RulesPath = ResolvePath(options.Value, database.DatabasePath);
    }

    /// <summary>The full path of the rules file in use.</summary>
    public string RulesPath { get; }

    /// <summary>The error of the last rejected file, or null when the last check succeeded.</summary>
    public string? LastError { get; private set; }

    /// <summary>The text of the rules in force (empty for the built-in defaults).</summary>
    public string LoadedText { get; private set; } = "";

    /// <summary>The rules file path: <paramref name="options"/>' RulesPath (relative to the working directory), else next to the database.</summary>
    public static string ResolvePath(AllocationOptions options, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.RulesPath))
        {
            return Path.GetFullPath(options.RulesPath);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath)) ?? Directory.GetCurrentDirectory();
        return Path.Combine(folder, AllocationOptions.DefaultFileName);
    }

    /// <summary>Loads the file once if nothing was loaded yet.</summary>
    public void EnsureLoaded()
    {
        if (!Volatile.Read(ref _loaded))
        {
            Reload();
        }
    }

    /// <summary>Checks the file; returns true when new rules were activated.</summary>
    public bool Reload()
    {
        lock (_gate)
        {
            _loaded = true;
            string? text;
            try
            {
                text = File.Exists(RulesPath) ? File.ReadAllText(RulesPath) : null;
            }
            catch (IOException e)
            {
                // A half-written file or a lock held by an editor: try again on the next check.
                LastError = $"{RulesPath}: {e.Message}";
                LogRejected(_logger, RulesPath, LastError);
                return false;
            }

            var hash = text is null ? "" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            if (hash == _loadedHash)
            {
                return false;
            }

            AllocationRules rules;
            try
            {
                rules = text is null ? AllocationRules.Default : AllocationRulesParser.Parse(text, RulesPath);
            }
            catch (AllocationRulesException e)
            {
                LastError = e.Message;
                LogRejected(_logger, RulesPath, e.Message);
                return false;
            }

            _source.Update(rules);
            _loadedHash = hash;
            LoadedText = text ?? "";
            LastError = null;
            _store.ReassignTeams();
            LogActivated(_logger, rules.Source, rules.Revision ?? "-", rules.Teams.Count, rules.TagRules.Count, rules.HierarchyRules.Count, rules.Pools.Count);
            LogDirectory(_logger, new CompanyDirectory(rules).People.Count(), rules.Roles.Values.Sum(r => r.Count));
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Allocation rules active from {Source} (revision {Revision}): {Teams} teams, {TagRules} tag rules, {HierarchyRules} hierarchy rules, {Pools} shared pools")]
    private static partial void LogActivated(ILogger logger, string source, string revision, int teams, int tagRules, int hierarchyRules, int pools);

    [LoggerMessage(Level = LogLevel.Information, Message = "Company directory from the same file: {People} people, {RoleHolders} role holders")]
    private static partial void LogDirectory(ILogger logger, int people, int roleHolders);

    [LoggerMessage(Level = LogLevel.Error, Message = "Allocation rules file {Path} rejected, the previous rules stay active: {Error}")]
    private static partial void LogRejected(ILogger logger, string path, string error);
}
