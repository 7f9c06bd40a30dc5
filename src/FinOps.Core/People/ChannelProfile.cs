namespace FinOps.Core.People;

/// <summary>What a channel's user lookup tells about a person (Slack <c>users.info</c>, Teams conversation member).</summary>
/// <param name="Email">E-mail address, or the Teams user principal name when no e-mail is given.</param>
/// <param name="AadObjectId">Microsoft Entra object id, when the channel knows it.</param>
public sealed record ChannelProfile(string? Email, string? AadObjectId);
