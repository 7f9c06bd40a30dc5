using FinOps.Core.Allocation;

namespace FinOps.Core.People;

/// <summary>Who is who: the teams, their people and channels, and the company-wide roles, from the allocation rules.</summary>
/// <remarks>
/// Built from <see cref="AllocationRules"/>, so it reloads with <c>allocation.yaml</c> and an invalid edit leaves the
/// previous directory active, exactly like the rules. People are merged by e-mail (case-insensitive); a person is found by
/// Slack user id, Entra object id or e-mail. Channels: <c>slack:</c> entries are Slack channel ids, <c>teams:</c> entries
/// Teams channel ids.
/// </remarks>
public sealed class CompanyDirectory
{
    private readonly Dictionary<string, Person> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Person> _bySlack = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Person> _byEntra = [];
    private readonly Dictionary<string, List<string>> _teamsOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<CompanyRole>> _roles = new(StringComparer.Ordinal);

    public CompanyDirectory(AllocationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Source = rules.Source;
        var teams = new List<DirectoryTeam>();
        foreach (var team in rules.Teams)
        {
            var directoryTeam = new DirectoryTeam(
                team.Key,
                team.DisplayName,
                [.. team.Owners.Select(Add)],
                [.. team.Members.Select(Add)],
                [.. team.Approvers.Select(Add)],
                [.. team.Channels.Where(c => c.Platform == "slack").Select(c => c.Id)],
                [.. team.Channels.Where(c => c.Platform == "teams").Select(c => c.Id)])
            {
                TimeZone = team.TimeZone,
            };
            teams.Add(directoryTeam);
        }

        foreach (var (role, holders) in rules.Roles)
        {
            foreach (var holder in holders)
            {
                var person = Add(holder);
                if (!_roles.TryGetValue(person.Key, out var set))
                {
                    _roles[person.Key] = set = [];
                }

                set.Add(role);
            }
        }

        // Second pass: a person's entries may add ids to one another, so resolve every team's people to the merged record.
        Teams = teams
            .Select(t => t with
            {
                Owners = [.. t.Owners.Select(Canonical)],
                Members = [.. t.Members.Select(Canonical)],
                Approvers = [.. t.Approvers.Select(Canonical)],
            })
            .ToArray();
        foreach (var team in Teams)
        {
            foreach (var person in team.Everyone.DistinctBy(p => p.Key))
            {
                if (!_teamsOf.TryGetValue(person.Key, out var list))
                {
                    _teamsOf[person.Key] = list = [];
                }

                list.Add(team.Key);
            }
        }
    }

    /// <summary>A directory with no teams and no people.</summary>
    public static CompanyDirectory Empty { get; } = new(AllocationRules.Default);

    /// <summary>Where the directory came from (the rules file path).</summary>
    public string Source { get; }

    public IReadOnlyList<DirectoryTeam> Teams { get; }

    /// <summary>Everyone listed anywhere in the file, once each.</summary>
    public IEnumerable<Person> People => _byEmail.Values.Concat(_bySlack.Values).Concat(_byEntra.Values).DistinctBy(p => p.Key);

    /// <summary>The team with this key (case-insensitive), or null.</summary>
    public DirectoryTeam? FindTeam(string key) =>
        Teams.FirstOrDefault(t => string.Equals(t.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase));

    public Person? FindBySlackUserId(string? userId) =>
        !string.IsNullOrEmpty(userId) && _bySlack.TryGetValue(userId, out var p) ? p : null;

    public Person? FindByEntraObjectId(string? objectId) =>
        Guid.TryParse(objectId, out var id) && _byEntra.TryGetValue(id, out var p) ? p : null;

    public Person? FindByEmail(string? email) =>
        !string.IsNullOrWhiteSpace(email) && _byEmail.TryGetValue(email.Trim(), out var p) ? p : null;

    /// <summary>The keys of the teams <paramref name="person"/> owns, is a member of or approves for.</summary>
    public IReadOnlyList<string> TeamsOf(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return _teamsOf.TryGetValue(person.Key, out var list) ? list : [];
    }

    public bool HasRole(Person person, CompanyRole role)
    {
        ArgumentNullException.ThrowIfNull(person);
        return _roles.TryGetValue(person.Key, out var set) && set.Contains(role);
    }

    private Person Add(TeamOwner entry)
    {
        var existing = FindByEmail(entry.Email)
            ?? FindBySlackUserId(entry.SlackUserId)
            ?? (entry.EntraObjectId is { } e && _byEntra.TryGetValue(e, out var byEntra) ? byEntra : null);
        var person = existing is null
            ? new Person(entry.Name, entry.Email?.ToLowerInvariant(), entry.SlackUserId, entry.EntraObjectId)
            : new Person(existing.Name ?? entry.Name, existing.Email ?? entry.Email?.ToLowerInvariant(), existing.SlackUserId ?? entry.SlackUserId, existing.EntraObjectId ?? entry.EntraObjectId);
        if (existing is not null && existing.Key != person.Key)
        {
            // Listed first by a chat id, later with an e-mail: move the roles under the new key.
            if (_roles.Remove(existing.Key, out var roles))
            {
                _roles[person.Key] = roles;
            }

            Remove(existing);
        }

        if (person.Email is not null)
        {
            _byEmail[person.Email] = person;
        }

        if (person.SlackUserId is not null)
        {
            _bySlack[person.SlackUserId] = person;
        }

        if (person.EntraObjectId is { } entra)
        {
            _byEntra[entra] = person;
        }

        return person;
    }

    private void Remove(Person person)
    {
        if (person.Email is not null)
        {
            _byEmail.Remove(person.Email);
        }

        if (person.SlackUserId is not null)
        {
            _bySlack.Remove(person.SlackUserId);
        }

        if (person.EntraObjectId is { } entra)
        {
            _byEntra.Remove(entra);
        }
    }

    private Person Canonical(Person person) =>
        FindByEmail(person.Email) ?? FindBySlackUserId(person.SlackUserId) ?? FindByEntraObjectId(person.EntraObjectId?.ToString()) ?? person;
}
