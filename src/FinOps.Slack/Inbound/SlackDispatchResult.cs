namespace FinOps.Slack.Inbound;

/// <summary>What the transport answers Slack after dispatching a request.</summary>
public enum SlackDispatchResult
{
    /// <summary>Stored durably in the inbox (now or by an earlier delivery): acknowledge.</summary>
    Accepted,

    /// <summary>Nothing to do (bot message, subtype, unknown type): acknowledge so Slack does not retry.</summary>
    Ignored,

    /// <summary>Well-formed JSON or form without the fields Slack always sends: 400.</summary>
    Invalid,

    /// <summary>The inbox could not store the work: 503 (HTTP) or no envelope ack (Socket Mode) so Slack delivers it again.</summary>
    Busy,
}
