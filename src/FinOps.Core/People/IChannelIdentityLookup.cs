namespace FinOps.Core.People;

/// <summary>Asks a chat platform who a user is, for people the directory lists by e-mail only.</summary>
public interface IChannelIdentityLookup
{
    /// <summary>The <see cref="ChannelIdentity.Channel"/> this lookup serves.</summary>
    string Channel { get; }

    /// <summary>The user's profile, or null when the platform cannot tell (no token, no conversation, an error).</summary>
    Task<ChannelProfile?> LookupAsync(ChannelIdentity identity, CancellationToken cancellationToken);
}
