namespace FinOps.Conversation.Cards;

/// <summary>The closed vocabulary of card content. Every renderer handles every subtype.</summary>
public abstract record CardBlock;

/// <summary>The card's heading.</summary>
public sealed record TitleBlock(string Text) : CardBlock;

/// <summary>A paragraph with light markdown: <c>**bold**</c>, <c>_italic_</c>, <c>[link](url)</c>, line breaks.</summary>
public sealed record TextBlock(string Markdown) : CardBlock;

/// <summary>Label/value pairs.</summary>
public sealed record FactsBlock(IReadOnlyList<Fact> Facts) : CardBlock;

public sealed record Fact(string Label, string Value);

/// <summary>A table of costs: one row per label with amount, optional change and share of the total.</summary>
public sealed record CostTableBlock(string LabelHeader, IReadOnlyList<CostTableRow> Rows, CostTableRow? Total = null) : CardBlock;

public sealed record CostTableRow(string Label, Money Amount, Delta? Change = null, decimal? Share = null);

/// <summary>One headline number with its label and optional change.</summary>
/// <param name="Label">What the number is (period, scope).</param>
/// <param name="Value">The number.</param>
/// <param name="Change">Its change against a comparison, when known.</param>
/// <param name="ChangeLabel">What the change compares with, shown after it; <see cref="DefaultChangeLabel"/> when null (e.g. "vs expected" for anomalies).</param>
public sealed record KeyNumberBlock(string Label, Money Value, Delta? Change = null, string? ChangeLabel = null) : CardBlock
{
    public const string DefaultChangeLabel = "vs previous period";
}

/// <summary>A chart image with text that carries its meaning when the image cannot be shown.</summary>
public sealed record ChartBlock(ChartSpec Spec, string AltText) : CardBlock;

public sealed record DividerBlock : CardBlock;

/// <summary>Small print under the content: period, metric, data freshness.</summary>
public sealed record ContextBlock(string Text) : CardBlock;

/// <summary>A row of buttons.</summary>
public sealed record ActionsBlock(IReadOnlyList<CardAction> Actions) : CardBlock;

/// <summary>A free-text input whose value is sent with the actions of the card (e.g. a reason).</summary>
/// <remarks>
/// With <see cref="Minimum"/> the value is a number of at least that: channels with number fields (Teams <c>Input.Number</c>)
/// show one, others a text field. The value still arrives as text and the handler validates it either way.
/// </remarks>
public sealed record TextInputBlock(string Id, string Label, string? Placeholder = null, bool Required = false, bool Multiline = false, decimal? Minimum = null) : CardBlock;
