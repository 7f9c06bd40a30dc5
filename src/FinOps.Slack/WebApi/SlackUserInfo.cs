namespace FinOps.Slack.WebApi;

/// <summary>What users.info tells about a person; <see cref="Email"/> needs the users:read.email scope.</summary>
public sealed record SlackUserInfo(string Id, string? Name, string? RealName, string? Email, bool IsBot);
