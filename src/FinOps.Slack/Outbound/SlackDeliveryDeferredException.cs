namespace FinOps.Slack.Outbound;

/// <summary>
/// A proactive message could not be posted now; it stays in the outbox and the dispatcher retries it with backoff.
/// Calling <see cref="SlackProactiveSender.SendAsync"/> again with the same key returns the message once delivered.
/// </summary>
public sealed class SlackDeliveryDeferredException : Exception
{
    public SlackDeliveryDeferredException()
    {
    }

    public SlackDeliveryDeferredException(string message)
        : base(message)
    {
    }

    public SlackDeliveryDeferredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
