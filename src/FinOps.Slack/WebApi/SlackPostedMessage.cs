namespace FinOps.Slack.WebApi;

/// <summary>A message Slack accepted: the channel it landed in and its <c>ts</c> (the message id).</summary>
public sealed record SlackPostedMessage(string Channel, string Ts);
