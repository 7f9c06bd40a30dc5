using System.Globalization;
using FinOps.Core.People;
using FinOps.Core.Query;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FinOps.Core.Allocation;

/// <summary>Reads and validates <c>allocation.yaml</c>.</summary>
/// <remarks>
/// Every problem is reported as an <see cref="AllocationRulesException"/> naming the file, line, column and field:
/// unknown keys (typos), wrong types, unknown teams, duplicate ids, fixed percentages that do not sum to 100.
/// Without a <c>tags</c> section the default tag rule (key <c>team</c>) applies; <c>tags: []</c> turns tag rules off.
/// People (team <c>owners</c>, <c>members</c>, <c>approvers</c> and the top-level <c>roles</c>) are a plain e-mail or a
/// mapping with <c>email</c>, <c>name</c>, <c>slack</c> (user id) and <c>entra</c> (object id); one e-mail listed with two
/// different Slack or Entra ids, or one id listed for two e-mails, is an error.
/// </remarks>
public static partial class AllocationRulesParser
{
    private static readonly string[] RootKeys = ["version", "revision", "teams", "roles", "tags", "hierarchy", "pools", "budgets"];
    private static readonly string[] TeamKeys = ["key", "name", "aliases", "owners", "members", "approvers", "channels", "timeZone"];
    private static readonly string[] RoleKeys = ["finance", "admin"];
    private static readonly string[] OwnerKeys = ["name", "email", "slack", "entra"];
    private static readonly string[] TagKeys = ["id", "keys", "from", "until"];
    private static readonly string[] HierarchyKeys = ["id", "team", "provider", "billingAccount", "account", "resourceGroup", "resource", "from", "until"];
    private static readonly string[] PoolKeys = ["id", "description", "match", "split", "teams", "percentages", "from", "until"];
    private static readonly string[] MatchKeys =
        ["provider", "billingAccount", "account", "service", "category", "region", "chargeCategory", "pricingCategory", "resource", "commitmentStatus", "tags", "untagged"];

    /// <summary>Reads a rules file from disk.</summary>
    public static AllocationRules ParseFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new AllocationRulesException(path, 0, 0, "(file)", e.Message, e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses rules text; <paramref name="source"/> names the file in error messages.</summary>
    public static AllocationRules Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new AllocationRulesException(source, e.Start.Line, e.Start.Column, "(syntax)", e.InnerException?.Message ?? e.Message, e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new AllocationRulesException(source, 1, 1, "(root)", "expected a mapping with at least 'version: 1'.");
        }

        return new Reader(source).Rules(root);
    }

    private sealed partial class Reader(string source)
    {
        private readonly HashSet<string> _ids = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, (TeamOwner Person, YamlNode Node)> _byEmail = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, (TeamOwner Person, YamlNode Node)> _byChatId = new(StringComparer.OrdinalIgnoreCase);

        public AllocationRules Rules(YamlMappingNode root)
        {
            var map = Map(root, "(root)", RootKeys);
            if (!map.TryGetValue("version", out var versionNode))
            {
                throw Error(root, "version", $"missing; write 'version: {AllocationRules.CurrentVersion}' at the top.");
            }

            var version = Int(versionNode, "version");
            if (version != AllocationRules.CurrentVersion)
            {
                throw Error(versionNode, "version", $"version {version} is not supported; this build reads version {AllocationRules.CurrentVersion}.");
            }

            var teams = map.TryGetValue("teams", out var teamsNode) ? Teams(teamsNode) : [];
            var aliases = AliasIndex(teams, teamsNode);
            var roles = map.TryGetValue("roles", out var rolesNode) ? Roles(rolesNode) : [];
            var tags = map.TryGetValue("tags", out var tagsNode) ? TagRules(tagsNode) : AllocationRules.Default.TagRules;
            var hierarchy = map.TryGetValue("hierarchy", out var hierarchyNode) ? Hierarchy(hierarchyNode, teams, aliases) : [];
            var pools = map.TryGetValue("pools", out var poolsNode) ? Pools(poolsNode, teams, aliases) : [];
            var budgets = map.TryGetValue("budgets", out var budgetsNode) ? Budgets(budgetsNode, teams, aliases) : [];
            return new AllocationRules
            {
                Version = version,
                Revision = map.TryGetValue("revision", out var revision) ? Text(revision, "revision") : null,
                Source = source,
                Teams = teams,
                TagRules = tags,
                HierarchyRules = hierarchy,
                Pools = pools,
                Roles = roles,
                Budgets = budgets,
            };
        }

        private Dictionary<CompanyRole, IReadOnlyList<TeamOwner>> Roles(YamlNode node)
        {
            var roles = new Dictionary<CompanyRole, IReadOnlyList<TeamOwner>>();
            foreach (var (name, listNode) in Map(node, "roles", RoleKeys))
            {
                var role = name == "finance" ? CompanyRole.Finance : CompanyRole.Admin;
                roles[role] = People(listNode, "roles." + name, "a role holder");
            }

            return roles;
        }

        private List<TeamOwner> People(YamlNode node, string field, string what)
        {
            var people = new List<TeamOwner>();
            foreach (var (item, i) in Sequence(node, field))
            {
                people.Add(Person(item, $"{field}[{i}]", what));
            }

            return people;
        }

        private TeamOwner Person(YamlNode node, string field, string what)
        {
            TeamOwner person;
            if (node is YamlScalarNode)
            {
                person = new TeamOwner(null, Email(node, field), null, null);
            }
            else
            {
                var map = Map(node, field, OwnerKeys);
                Guid? entra = null;
                if (map.TryGetValue("entra", out var entraNode))
                {
                    entra = Guid.TryParse(Text(entraNode, field + ".entra"), out var g)
                        ? g
                        : throw Error(entraNode, field + ".entra", "expected a Microsoft Entra object id (a GUID).");
                }

                var slack = Optional(map, "slack", field);
                if (slack is not null && !IsSlackUserId(slack))
                {
                    throw Error(map["slack"], field + ".slack", $"'{slack}' is not a Slack user id (U or W followed by letters and digits, e.g. U024BE7LH).");
                }

                person = new TeamOwner(
                    Optional(map, "name", field), map.TryGetValue("email", out var emailNode) ? Email(emailNode, field + ".email") : null, slack, entra);
                if (person.Email is null && person.SlackUserId is null && person.EntraObjectId is null)
                {
                    throw Error(node, field, $"{what} needs at least one of email, slack (user id) or entra (object id).");
                }
            }

            Consistent(person, node, field);
            return person;
        }

        /// <summary>One person, one set of ids: the same e-mail with two Slack ids would route someone's messages to a stranger.</summary>
        private void Consistent(TeamOwner person, YamlNode node, string field)
        {
            if (person.Email is { } email)
            {
                if (_byEmail.TryGetValue(email, out var seen))
                {
                    if (Differ(seen.Person.SlackUserId, person.SlackUserId) || Differ(seen.Person.EntraObjectId?.ToString(), person.EntraObjectId?.ToString()))
                    {
                        throw Error(node, field, $"'{email}' is listed with other ids at line {seen.Node.Start.Line}; give one person the same slack and entra ids everywhere (or only once).");
                    }

                    _byEmail[email] = (Merge(seen.Person, person), seen.Node);
                }
                else
                {
                    _byEmail[email] = (person, node);
                }
            }

            foreach (var id in new[] { person.SlackUserId, person.EntraObjectId?.ToString() })
            {
                if (id is null)
                {
                    continue;
                }

                if (_byChatId.TryGetValue(id, out var seen) && seen.Person.Email is not null && person.Email is not null
                    && !string.Equals(seen.Person.Email, person.Email, StringComparison.OrdinalIgnoreCase))
                {
                    throw Error(node, field, $"id '{id}' is listed for '{seen.Person.Email}' at line {seen.Node.Start.Line} and for '{person.Email}' here.");
                }

                if (!_byChatId.ContainsKey(id) || person.Email is not null)
                {
                    _byChatId[id] = (person, node);
                }
            }
        }

        private static bool Differ(string? a, string? b) => a is not null && b is not null && !string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private static TeamOwner Merge(TeamOwner a, TeamOwner b) =>
            new(a.Name ?? b.Name, a.Email ?? b.Email, a.SlackUserId ?? b.SlackUserId, a.EntraObjectId ?? b.EntraObjectId);

        private static bool IsSlackUserId(string value) =>
            value.Length >= 3 && value[0] is 'U' or 'W' && value.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9'));

        private string Email(YamlNode node, string field)
        {
            var value = Text(node, field).Trim();
            var at = value.IndexOf('@', StringComparison.Ordinal);
            return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 && !value.Any(char.IsWhiteSpace)
                ? value.ToLowerInvariant()
                : throw Error(node, field, $"'{value}' is not an e-mail address.");
        }

        private List<AllocationTeam> Teams(YamlNode node)
        {
            var teams = new List<AllocationTeam>();
            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (item, i) in Sequence(node, "teams"))
            {
                var field = $"teams[{i}]";
                var map = Map(item, field, TeamKeys);
                var key = Required(map, item, field, "key").ToLowerInvariant();
                if (string.Equals(key, TagTeamAssignment.Unallocated, StringComparison.OrdinalIgnoreCase))
                {
                    throw Error(map["key"], field + ".key", $"'{TagTeamAssignment.Unallocated}' is reserved for costs no rule allocates.");
                }

                if (!keys.Add(key))
                {
                    throw Error(map["key"], field + ".key", $"team '{key}' is declared twice.");
                }

                var owners = map.TryGetValue("owners", out var ownersNode) ? People(ownersNode, field + ".owners", "an owner") : [];
                var members = map.TryGetValue("members", out var membersNode) ? People(membersNode, field + ".members", "a member") : [];
                var approvers = map.TryGetValue("approvers", out var approversNode) ? People(approversNode, field + ".approvers", "an approver") : [];

                var channels = new List<TeamChannel>();
                if (map.TryGetValue("channels", out var channelsNode))
                {
                    foreach (var (channelNode, c) in Sequence(channelsNode, field + ".channels"))
                    {
                        var channelField = $"{field}.channels[{c}]";
                        var channel = Map(channelNode, channelField, ["slack", "teams"]);
                        if (channel.Count != 1)
                        {
                            throw Error(channelNode, channelField, "write one of 'slack: <channel id>' or 'teams: <channel id>'.");
                        }

                        var (platform, idNode) = channel.First();
                        channels.Add(new TeamChannel(platform, Text(idNode, channelField + "." + platform)));
                    }
                }

                teams.Add(new AllocationTeam(
                    key,
                    Optional(map, "name", field) ?? key,
                    owners,
                    channels,
                    map.TryGetValue("aliases", out var aliasNode) ? List(aliasNode, field + ".aliases") : [])
                {
                    Members = members,
                    Approvers = approvers,
                    TimeZone = map.TryGetValue("timeZone", out var zoneNode) ? Zone(zoneNode, field + ".timeZone") : null,
                });
            }

            return teams;
        }

        private string Zone(YamlNode node, string field)
        {
            var id = Text(node, field).Trim();
            try
            {
                // Accepts the IANA ids (Europe/Berlin) the README documents; the canonical id is kept as written.
                _ = TimeZoneInfo.FindSystemTimeZoneById(id);
                return id;
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
            {
                throw Error(node, field, $"'{id}' is not a known IANA time zone id (e.g. Europe/Berlin, America/New_York, UTC).");
            }
        }

        private Dictionary<string, string> AliasIndex(List<AllocationTeam> teams, YamlNode? teamsNode)
        {
            var index = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var team in teams)
            {
                foreach (var name in new[] { team.Key, team.DisplayName }.Concat(team.Aliases))
                {
                    var alias = name.Trim();
                    if (index.TryGetValue(alias, out var other) && !string.Equals(other, team.Key, StringComparison.Ordinal))
                    {
                        throw Error(teamsNode!, "teams", $"'{alias}' names both team '{other}' and team '{team.Key}'.");
                    }

                    index[alias] = team.Key;
                }
            }

            return index;
        }

        private List<TagRule> TagRules(YamlNode node)
        {
            var rules = new List<TagRule>();
            foreach (var (item, i) in Sequence(node, "tags"))
            {
                var field = $"tags[{i}]";
                var map = Map(item, field, TagKeys);
                var id = Id(map, item, field, "tag-" + (i + 1).ToString(CultureInfo.InvariantCulture));
                if (!map.TryGetValue("keys", out var keysNode))
                {
                    throw Error(item, field + ".keys", "missing; list the tag keys that name a team, e.g. keys: [team, owner-team].");
                }

                var keys = List(keysNode, field + ".keys");
                if (keys.Count == 0)
                {
                    throw Error(keysNode, field + ".keys", "at least one tag key is needed.");
                }

                rules.Add(new TagRule(id, keys, Effective(map, item, field)));
            }

            return rules;
        }

        private List<HierarchyRule> Hierarchy(YamlNode node, List<AllocationTeam> teams, Dictionary<string, string> aliases)
        {
            var rules = new List<HierarchyRule>();
            foreach (var (item, i) in Sequence(node, "hierarchy"))
            {
                var field = $"hierarchy[{i}]";
                var map = Map(item, field, HierarchyKeys);
                var id = Id(map, item, field, null);
                var team = TeamRef(map, item, field + ".team", teams, aliases);
                var rule = new HierarchyRule(
                    id,
                    team,
                    ListOf(map, "provider", field),
                    ListOf(map, "billingAccount", field),
                    ListOf(map, "account", field),
                    ListOf(map, "resourceGroup", field),
                    ListOf(map, "resource", field),
                    Effective(map, item, field));
                if (rule.Providers.Count + rule.BillingAccounts.Count + rule.Accounts.Count + rule.ResourceGroups.Count + rule.Resources.Count == 0)
                {
                    throw Error(item, field, "a hierarchy rule needs at least one of provider, billingAccount, account, resourceGroup, resource.");
                }

                rules.Add(rule);
            }

            return rules;
        }

        private List<SharedPoolRule> Pools(YamlNode node, List<AllocationTeam> teams, Dictionary<string, string> aliases)
        {
            var pools = new List<SharedPoolRule>();
            foreach (var (item, i) in Sequence(node, "pools"))
            {
                var field = $"pools[{i}]";
                var map = Map(item, field, PoolKeys);
                var id = Id(map, item, field, null);
                if (!map.TryGetValue("split", out var splitNode))
                {
                    throw Error(item, field + ".split", "missing; use even, proportional or fixed.");
                }

                var method = Text(splitNode, field + ".split").ToLowerInvariant() switch
                {
                    "even" => SplitMethod.Even,
                    "proportional" => SplitMethod.Proportional,
                    "fixed" => SplitMethod.Fixed,
                    var other => throw Error(splitNode, field + ".split", $"'{other}' is not a split method; use even, proportional or fixed."),
                };

                var poolTeams = new List<string>();
                if (map.TryGetValue("teams", out var teamsNode))
                {
                    foreach (var (teamNode, t) in Sequence(teamsNode, field + ".teams"))
                    {
                        poolTeams.Add(ResolveTeam(teamNode, $"{field}.teams[{t}]", teams, aliases));
                    }
                }

                var percentages = new Dictionary<string, decimal>(StringComparer.Ordinal);
                if (map.TryGetValue("percentages", out var pctNode))
                {
                    if (method != SplitMethod.Fixed)
                    {
                        throw Error(pctNode, field + ".percentages", "percentages are only for 'split: fixed'.");
                    }

                    var sum = 0m;
                    foreach (var (keyNode, valueNode) in Pairs(pctNode, field + ".percentages"))
                    {
                        var team = ResolveTeam(keyNode, field + ".percentages", teams, aliases);
                        var pctField = $"{field}.percentages.{team}";
                        var pct = Decimal(valueNode, pctField);
                        if (pct <= 0 || decimal.Round(pct, 4) != pct)
                        {
                            throw Error(valueNode, pctField, "a percentage must be positive with at most 4 decimals.");
                        }

                        if (!percentages.TryAdd(team, pct))
                        {
                            throw Error(keyNode, pctField, $"team '{team}' is listed twice.");
                        }

                        sum += pct;
                    }

                    if (sum != 100m)
                    {
                        throw Error(pctNode, field + ".percentages", string.Create(CultureInfo.InvariantCulture, $"percentages sum to {sum}, they must sum to exactly 100."));
                    }

                    if (poolTeams.Count > 0 && !poolTeams.ToHashSet(StringComparer.Ordinal).SetEquals(percentages.Keys))
                    {
                        throw Error(teamsNode!, field + ".teams", "with split: fixed, list the teams in percentages only (or the same teams in both).");
                    }
                }
                else if (method == SplitMethod.Fixed)
                {
                    throw Error(item, field + ".percentages", "missing; split: fixed needs percentages by team that sum to 100.");
                }

                var filter = map.TryGetValue("match", out var matchNode) ? Filter(matchNode, field + ".match") : PoolFilter.Everything;
                pools.Add(new SharedPoolRule(
                    id,
                    Optional(map, "description", field),
                    filter,
                    method,
                    method == SplitMethod.Fixed ? [.. percentages.Keys] : poolTeams,
                    percentages,
                    Effective(map, item, field)));
            }

            return pools;
        }

        private PoolFilter Filter(YamlNode node, string field)
        {
            var map = Map(node, field, MatchKeys);
            var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (map.TryGetValue("tags", out var tagsNode))
            {
                foreach (var (keyNode, valueNode) in Pairs(tagsNode, field + ".tags"))
                {
                    tags[Text(keyNode, field + ".tags").Trim()] = Text(valueNode, field + ".tags." + keyNode);
                }
            }

            bool? untagged = null;
            if (map.TryGetValue("untagged", out var untaggedNode))
            {
                untagged = Text(untaggedNode, field + ".untagged").ToLowerInvariant() switch
                {
                    "true" or "yes" => true,
                    "false" or "no" => false,
                    _ => throw Error(untaggedNode, field + ".untagged", "expected true or false."),
                };
            }

            return new PoolFilter(
                ListOf(map, "provider", field),
                ListOf(map, "billingAccount", field),
                ListOf(map, "account", field),
                ListOf(map, "service", field),
                ListOf(map, "category", field),
                ListOf(map, "region", field),
                ListOf(map, "chargeCategory", field),
                ListOf(map, "pricingCategory", field),
                ListOf(map, "resource", field),
                ListOf(map, "commitmentStatus", field),
                tags,
                untagged);
        }

        private string TeamRef(Dictionary<string, YamlNode> map, YamlNode owner, string field, List<AllocationTeam> teams, Dictionary<string, string> aliases) =>
            map.TryGetValue("team", out var node)
                ? ResolveTeam(node, field, teams, aliases)
                : throw Error(owner, field, "missing; name the team the rule allocates to.");

        private string ResolveTeam(YamlNode node, string field, List<AllocationTeam> teams, Dictionary<string, string> aliases)
        {
            var value = Text(node, field).Trim();
            if (teams.Count == 0)
            {
                return value.ToLowerInvariant();
            }

            return aliases.TryGetValue(value, out var key)
                ? key
                : throw Error(node, field, $"unknown team '{value}'; declare it under teams (known: {string.Join(", ", teams.Select(t => t.Key))}).");
        }

        private string Id(Dictionary<string, YamlNode> map, YamlNode owner, string field, string? fallback)
        {
            string id;
            if (map.TryGetValue("id", out var node))
            {
                id = Text(node, field + ".id").Trim();
            }
            else
            {
                id = fallback ?? throw Error(owner, field + ".id", "missing; every hierarchy rule and pool needs an id (shown in explanations).");
                node = owner;
            }

            return _ids.Add(id) ? id : throw Error(node, field + ".id", $"id '{id}' is used by another rule.");
        }

        private EffectivePeriod Effective(Dictionary<string, YamlNode> map, YamlNode owner, string field)
        {
            var from = map.TryGetValue("from", out var fromNode) ? Date(fromNode, field + ".from") : (DateOnly?)null;
            var until = map.TryGetValue("until", out var untilNode) ? Date(untilNode, field + ".until") : (DateOnly?)null;
            if (from is not null && until is not null && until <= from)
            {
                throw Error(untilNode ?? owner, field + ".until", "must be after 'from'.");
            }

            return from is null && until is null ? EffectivePeriod.Always : new EffectivePeriod(from, until);
        }

        private DateOnly Date(YamlNode node, string field) =>
            DateOnly.TryParseExact(Text(node, field), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw Error(node, field, "expected a date as yyyy-MM-dd.");

        private int Int(YamlNode node, string field) =>
            int.TryParse(Text(node, field), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error(node, field, "expected a whole number.");

        private decimal Decimal(YamlNode node, string field) =>
            decimal.TryParse(Text(node, field), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error(node, field, "expected a number.");

        private string Required(Dictionary<string, YamlNode> map, YamlNode owner, string field, string key)
        {
            var value = map.TryGetValue(key, out var node) ? Text(node, field + "." + key).Trim() : null;
            return string.IsNullOrEmpty(value) ? throw Error(node ?? owner, field + "." + key, "missing or empty.") : value;
        }

        private string? Optional(Dictionary<string, YamlNode> map, string key, string field) =>
            map.TryGetValue(key, out var node) ? Text(node, field + "." + key).Trim() : null;

        private List<string> ListOf(Dictionary<string, YamlNode> map, string key, string field) =>
            map.TryGetValue(key, out var node) ? List(node, field + "." + key) : [];

        private List<string> List(YamlNode node, string field)
        {
            if (node is YamlScalarNode)
            {
                return [Text(node, field).Trim()];
            }

            var list = new List<string>();
            foreach (var (item, i) in Sequence(node, field))
            {
                var value = Text(item, $"{field}[{i}]").Trim();
                if (value.Length == 0)
                {
                    throw Error(item, $"{field}[{i}]", "empty value.");
                }

                list.Add(value);
            }

            return list;
        }

        private string Text(YamlNode node, string field) =>
            node is YamlScalarNode { Value: { } value } ? value : throw Error(node, field, "expected a single value.");

        private IEnumerable<(YamlNode Node, int Index)> Sequence(YamlNode node, string field) =>
            node is YamlSequenceNode sequence
                ? sequence.Children.Select((n, i) => (n, i))
                : throw Error(node, field, "expected a list (items starting with '- ').");

        private IEnumerable<(YamlNode Key, YamlNode Value)> Pairs(YamlNode node, string field) =>
            node is YamlMappingNode mapping
                ? mapping.Children.Select(kv => (kv.Key, kv.Value))
                : throw Error(node, field, "expected a mapping (key: value lines).");

        private Dictionary<string, YamlNode> Map(YamlNode node, string field, string[] allowed)
        {
            if (node is not YamlMappingNode mapping)
            {
                throw Error(node, field, "expected a mapping (key: value lines).");
            }

            var map = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (keyNode, value) in mapping.Children)
            {
                var key = Text(keyNode, field);
                var canonical = allowed.FirstOrDefault(a => string.Equals(a, key, StringComparison.OrdinalIgnoreCase));
                if (canonical is null)
                {
                    throw Error(keyNode, $"{field}.{key}", $"unknown field; expected one of {string.Join(", ", allowed)}.");
                }

                if (!map.TryAdd(canonical, value))
                {
                    throw Error(keyNode, $"{field}.{key}", "listed twice.");
                }
            }

            return map;
        }

        private AllocationRulesException Error(YamlNode node, string field, string problem) =>
            new(source, node.Start.Line, node.Start.Column, field, problem);
    }
}
