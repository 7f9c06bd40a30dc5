namespace FinOps.Teams.Activities;

/// <summary>
/// A slow piece of Teams work kept in the durable queue until answered: the incoming activity itself, which carries the
/// conversation reference (service URL, conversation, tenant, bot and user), so a restarted process can redo and answer it.
/// </summary>
/// <param name="Kind">What to do with it: <see cref="Answer"/>, <see cref="Submit"/> or <see cref="Invoke"/>.</param>
/// <param name="Activity">The activity as Teams sent it (authenticated before it was stored).</param>
public sealed record TeamsQueuedWork(string Kind, Activity Activity)
{
    /// <summary>A question: answered with a reply to the message.</summary>
    public const string Answer = "answer";

    /// <summary>An Action.Submit: the action runs once and its card replaces the clicked one (or follows it).</summary>
    public const string Submit = "submit";

    /// <summary>An Action.Execute invoke whose answer missed the invoke's budget: the clicked card is updated.</summary>
    public const string Invoke = "invoke";

    /// <summary>Unique per activity: a redelivery of the same activity is the same work.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => Kind + ":" + Activity.Conversation?.Id + "|" + (Activity.Id ?? ContentDigest());

    // Teams always sends an activity id; without one, the activity's content stands in, so equal redeliveries still match.
    private string ContentDigest() =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Activity, TeamsJson.Options)))[..32];
}
