namespace FinOps.Slack.Inbound;

/// <summary>
/// Reads <c>/finops</c> text: a first word from <see cref="SlackOptions.ShareKeywords"/> (default <c>share</c>) or a trailing
/// <c>--share</c> posts the answer to the whole channel; otherwise only the user sees it. Empty text means <c>help</c>.
/// </summary>
public static class SlackCommandText
{
    public const string ShareFlag = "--share";

    public static (string Question, bool Share) Parse(string text, IReadOnlyList<string> shareKeywords)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(shareKeywords);
        var question = text.Trim();
        var share = false;
        if (question.EndsWith(ShareFlag, StringComparison.OrdinalIgnoreCase)
            && (question.Length == ShareFlag.Length || char.IsWhiteSpace(question[^(ShareFlag.Length + 1)])))
        {
            share = true;
            question = question[..^ShareFlag.Length].TrimEnd();
        }

        var firstSpace = question.IndexOf(' ', StringComparison.Ordinal);
        var firstWord = firstSpace < 0 ? question : question[..firstSpace];
        if (shareKeywords.Any(k => string.Equals(k, firstWord, StringComparison.OrdinalIgnoreCase)))
        {
            share = true;
            question = firstSpace < 0 ? string.Empty : question[(firstSpace + 1)..].TrimStart();
        }

        return (question.Length == 0 ? "help" : question, share);
    }
}
