using System.Text.Json;

namespace FinOps.Slack.Inbound;

/// <summary>A <c>view_submission</c> payload of a form modal the bot opened (see <see cref="BlockKit.SlackFormView"/>).</summary>
public sealed record SlackViewSubmissionWork(JsonElement Payload) : SlackWorkItem;
