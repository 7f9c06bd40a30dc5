namespace FinOps.Conversation.Questions;

/// <summary>One word of a normalised question: its lower-case text and its singular stem.</summary>
internal readonly record struct Token(string Text, string Stem)
{
    public bool IsNumber => Text.Length > 0 && Text.Length <= 9 && Text.All(char.IsAsciiDigit);

    public int Number => int.Parse(Text, System.Globalization.CultureInfo.InvariantCulture);
}
