using System.Security.Claims;

namespace FinOps.Teams.Auth;

/// <summary>The outcome of checking an inbound bearer token, before the activity is looked at.</summary>
/// <param name="Identity">The validated claims; null when invalid.</param>
/// <param name="Kind">The issuer family.</param>
/// <param name="Endorsements">Channels the signing key is endorsed for (Bot Framework keys); null for Entra keys.</param>
/// <param name="Failure">Why the token was refused; null when valid.</param>
public sealed record BotTokenValidation(ClaimsIdentity? Identity, BotTokenKind Kind, IReadOnlyCollection<string>? Endorsements, string? Failure)
{
    public bool IsValid => Identity is not null;

    /// <summary>The <c>serviceurl</c> claim Bot Framework puts in channel tokens.</summary>
    public string? ServiceUrlClaim => Identity?.FindFirst("serviceurl")?.Value;

    public static BotTokenValidation Refused(string failure) => new(null, BotTokenKind.BotFramework, null, failure);
}
