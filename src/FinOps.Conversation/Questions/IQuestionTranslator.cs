namespace FinOps.Conversation.Questions;

/// <summary>A second chance for questions the parser could not handle (the optional language model).</summary>
public interface IQuestionTranslator
{
    /// <summary>A validated question, or null when the translator could not produce one.</summary>
    Task<ParsedQuestion?> TranslateAsync(string question, ValueCatalog catalog, DateOnly today, CancellationToken cancellationToken);
}
