namespace FinOps.Conversation.Questions;

/// <summary>The optional language model that translates questions the parser could not handle (section <c>LanguageModel</c>).</summary>
/// <remarks>Off unless <see cref="Endpoint"/> and <see cref="Model"/> are set. Any OpenAI-compatible chat completions endpoint works.</remarks>
public sealed class LanguageModelOptions
{
    public const string SectionName = "LanguageModel";

    /// <summary>Base address of an OpenAI-compatible API, e.g. <c>https://api.openai.com/v1</c> or a local server.</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    /// <summary>API key; never logged. Some local servers need none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Upper bound for one translation.</summary>
    public int TimeoutSeconds { get; set; } = 15;

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);
}
