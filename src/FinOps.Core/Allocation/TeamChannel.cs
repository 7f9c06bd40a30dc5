namespace FinOps.Core.Allocation;

/// <summary>A chat channel where a team's digests and alerts go.</summary>
/// <param name="Platform"><c>slack</c> or <c>teams</c>.</param>
/// <param name="Id">The Slack channel id (e.g. <c>C05PAYMENTS</c>) or the Teams channel/conversation id or name.</param>
public sealed record TeamChannel(string Platform, string Id);
