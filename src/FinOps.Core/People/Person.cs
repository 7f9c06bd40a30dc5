namespace FinOps.Core.People;

/// <summary>A person of the company directory, with the identities each chat platform knows them by.</summary>
/// <remarks>
/// People are listed by e-mail in <c>allocation.yaml</c>; the Slack user id and the Entra object id are optional and
/// recognise the person without a lookup. Two entries with the same e-mail (say, an owner of one team who is a member of
/// another) are one person.
/// </remarks>
/// <param name="Name">Display name, when given.</param>
/// <param name="Email">E-mail address (lower case), or null for a person listed by a chat id only.</param>
/// <param name="SlackUserId">Slack user id (<c>U...</c>/<c>W...</c>), when given.</param>
/// <param name="EntraObjectId">Microsoft Entra object id (Teams' <c>aadObjectId</c>), when given.</param>
public sealed record Person(string? Name, string? Email, string? SlackUserId, Guid? EntraObjectId)
{
    /// <summary>A stable key: the e-mail, else the Slack id, else the Entra id.</summary>
    public string Key => Email ?? (SlackUserId is not null ? "slack:" + SlackUserId : "entra:" + EntraObjectId);

    /// <summary>The name when known, else the e-mail or an id (for messages).</summary>
    public string Label => Name ?? Email ?? SlackUserId ?? EntraObjectId?.ToString() ?? "?";
}
