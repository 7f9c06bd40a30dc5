namespace FinOps.Conversation.Questions;

/// <summary>Supplies the current <see cref="ValueCatalog"/> and the parser built over it.</summary>
public interface IValueCatalogProvider
{
    Task<QuestionParser> GetParserAsync(CancellationToken cancellationToken);
}
