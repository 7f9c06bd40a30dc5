namespace FinOps.Demo;

/// <summary>A team of the demo organisation, with its owners and the channels its digests and alerts go to.</summary>
/// <remarks>
/// <see cref="TagValueVariants"/> lists every value the demo data writes in a team tag for this team
/// (for example <c>Payments</c> and <c>payments-team</c> besides <c>payments</c>), so value-alias rules can be
/// built from it.
/// </remarks>
public sealed record DemoTeam(
    string Key,
    string DisplayName,
    IReadOnlyList<DemoOwner> Owners,
    string SlackChannelId,
    string SlackChannelName,
    string TeamsChannelName,
    string CostCenter,
    IReadOnlyList<string> TagValueVariants);
