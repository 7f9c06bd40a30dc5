namespace FinOps.Slack.Inbound;

/// <summary>What the transport answers Slack after dispatching a request.</summary>
public enum SlackDispatchResult
{
    /// <summary>Queued for a worker: acknowledge.</summary>
    Accepted,

    /// <summary>Nothing to do (bot message, subtype, unknown type): acknowledge so Slack does not retry.</summary>
    Ignored,

    /// <summary>Well-formed JSON or form without the fields Slack always sends: 400.</summary>
    Invalid,

    /// <summary>The queue is full: 503 so Slack retries later.</summary>
    Busy,
}
