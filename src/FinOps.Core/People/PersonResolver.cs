using System.Collections.Concurrent;

namespace FinOps.Core.People;

/// <summary>Recognises a chat user as a <see cref="Person"/> of the company directory, on every channel.</summary>
/// <remarks>
/// Slack: by user id, else by e-mail (from the message or <c>users.info</c>). Teams: by Entra object id, else by e-mail or
/// UPN (from the conversation member lookup). Playground and CLI: by the chosen person's id or e-mail. Platform lookups are
/// cached for <see cref="DirectoryOptions.LookupCacheLifetime"/> (failures too, so an unknown user does not cost a call per
/// message); the directory itself is read fresh each time, so an edit of <c>allocation.yaml</c> applies at once.
/// </remarks>
public sealed class PersonResolver
{
    private readonly DirectorySource _directory;
    private readonly Dictionary<string, IChannelIdentityLookup> _lookups;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly ConcurrentDictionary<(string Channel, string Workspace, string User), (ChannelProfile? Profile, DateTimeOffset Expires)> _cache = new();

    public PersonResolver(DirectorySource directory, IEnumerable<IChannelIdentityLookup> lookups, TimeProvider time, DirectoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(lookups);
        ArgumentNullException.ThrowIfNull(options);
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _lookups = lookups.GroupBy(l => l.Channel, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _lifetime = options.LookupCacheLifetime;
    }

    /// <summary>The directory the person was found in (the one in force now).</summary>
    public CompanyDirectory Directory => _directory.Current;

    /// <summary>The person, or null when the directory does not list them.</summary>
    public async Task<Person?> ResolveAsync(ChannelIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var directory = _directory.Current;
        var known = identity.Channel switch
        {
            "slack" => directory.FindBySlackUserId(identity.UserId),
            "teams" => directory.FindByEntraObjectId(identity.AadObjectId),
            _ => directory.FindBySlackUserId(identity.UserId)
                ?? directory.FindByEntraObjectId(identity.AadObjectId)
                ?? directory.FindByEmail(identity.UserId),
        };
        known ??= directory.FindByEmail(identity.Email) ?? directory.FindByEntraObjectId(identity.AadObjectId);
        if (known is not null || !_lookups.TryGetValue(identity.Channel, out var lookup) || string.IsNullOrEmpty(identity.UserId))
        {
            return known;
        }

        var profile = await LookupAsync(lookup, identity, cancellationToken);
        return directory.FindByEmail(profile?.Email) ?? directory.FindByEntraObjectId(profile?.AadObjectId);
    }

    private async Task<ChannelProfile?> LookupAsync(IChannelIdentityLookup lookup, ChannelIdentity identity, CancellationToken cancellationToken)
    {
        var key = (identity.Channel, identity.Workspace ?? string.Empty, identity.UserId);
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return cached.Profile;
        }

        var profile = await lookup.LookupAsync(identity, cancellationToken);
        _cache[key] = (profile, now + _lifetime);
        return profile;
    }
}
