namespace FinOps.Slack.Inbound;

/// <summary>What became of one attempt at an inbox item.</summary>
public enum SlackWorkOutcome
{
    /// <summary>Handled now or earlier (its side effect is recorded as completed), or nothing to do: never attempted again.</summary>
    Done,

    /// <summary>
    /// Another attempt holds the idempotency claim and has not completed it: a concurrent worker, or one that died.
    /// Attempted again after the claim's lease, so work left behind by a crash is resumed rather than dropped.
    /// </summary>
    Claimed,
}
