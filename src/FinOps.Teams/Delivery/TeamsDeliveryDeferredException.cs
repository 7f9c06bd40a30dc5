namespace FinOps.Teams.Delivery;

/// <summary>
/// A proactive Teams message could not be posted now; it stays queued and <see cref="TeamsOutboxDispatcher"/> retries it
/// with backoff. Sending again with the same key returns the message once delivered.
/// </summary>
public sealed class TeamsDeliveryDeferredException : Exception
{
    public TeamsDeliveryDeferredException()
    {
    }

    public TeamsDeliveryDeferredException(string message)
        : base(message)
    {
    }

    public TeamsDeliveryDeferredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
