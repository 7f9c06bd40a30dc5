namespace FinOps.Conversation.Questions;

/// <summary>Settings of the question engine (configuration section <c>Conversation</c>).</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "Conversation";

    /// <summary>Used when <see cref="TagKeys"/> is empty (a default list would be appended to by configuration binding, not replaced).</summary>
    public static readonly IReadOnlyList<string> DefaultTagKeys = ["application", "cost-center"];

    /// <summary>Tag keys whose values can be named in questions ("what did the web-store application cost"); empty means <see cref="DefaultTagKeys"/>.</summary>
    public IList<string> TagKeys { get; } = [];

    public IReadOnlyList<string> EffectiveTagKeys => TagKeys.Count > 0 ? [.. TagKeys] : DefaultTagKeys;

    /// <summary>How long the catalog of dimension values is reused before it is read from the store again.</summary>
    public int CatalogRefreshMinutes { get; set; } = 5;

    /// <summary>How long a person's last question stays the context of a follow-up ("and the month before?") in the same conversation.</summary>
    public TimeSpan FollowUpExpiry { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many conversations' last questions are kept in memory; the least recently used ones are dropped first.</summary>
    public int FollowUpCapacity { get; set; } = 10_000;
}
