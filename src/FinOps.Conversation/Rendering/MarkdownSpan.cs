namespace FinOps.Conversation.Rendering;

/// <summary>A run of text from the cards' light markdown, with its emphasis and link. <c>"\n"</c> alone is a line break.</summary>
public sealed record MarkdownSpan(string Text, bool Bold = false, bool Italic = false, Uri? Link = null)
{
    public bool IsLineBreak => Text == "\n";
}
