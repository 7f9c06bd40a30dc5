namespace FinOps.Conversation.Questions;

/// <summary>Settings of the question engine (configuration section <c>Conversation</c>).</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "Conversation";

    /// <summary>Tag keys whose values can be named in questions ("what did the web-store application cost").</summary>
    public IList<string> TagKeys { get; } = ["application", "cost-center"];

    /// <summary>How long the catalog of dimension values is reused before it is read from the store again.</summary>
    public int CatalogRefreshMinutes { get; set; } = 5;
}
