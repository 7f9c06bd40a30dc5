using System.Text.Json.Serialization;

namespace FinOps.Slack.Inbound;

/// <summary>Inbound work stored durably in the inbox before Slack is acknowledged, and processed by <see cref="SlackWorker"/>.</summary>
/// <remarks>Serialized as JSON with a <c>kind</c> discriminator into the <see cref="SlackInbox"/> channel of the outbox.</remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(SlackEventWork), "event")]
[JsonDerivedType(typeof(SlackCommandWork), "command")]
[JsonDerivedType(typeof(SlackInteractionWork), "interaction")]
[JsonDerivedType(typeof(SlackViewSubmissionWork), "view-submission")]
public abstract record SlackWorkItem;
