namespace FinOps.Slack.BlockKit;

/// <summary>Block Kit limits from Slack's reference (docs.slack.dev/reference/block-kit), enforced by <see cref="BlockKitRenderer"/>.</summary>
public static class SlackLimits
{
    public const int MaxBlocks = 50;
    public const int MaxSectionText = 3000;
    public const int MaxSectionFields = 10;
    public const int MaxFieldText = 2000;
    public const int MaxHeaderText = 150;
    public const int MaxButtonText = 75;
    public const int MaxButtonValue = 2000;
    public const int MaxActionId = 255;
    public const int MaxBlockId = 255;
    public const int MaxActionsElements = 25;
    public const int MaxContextElements = 10;
    public const int MaxContextText = 3000;
    public const int MaxImageUrl = 3000;
    public const int MaxImageAltText = 2000;
    public const int MaxImageTitle = 2000;
    public const int MaxInputLabel = 2000;
    public const int MaxInputPlaceholder = 150;
    public const int MaxInputLength = 3000;
    public const int MaxConfirmTitle = 100;
    public const int MaxConfirmText = 300;
    public const int MaxConfirmButton = 30;

    /// <summary>Slack truncates longer top-level <c>text</c>; notifications show far less.</summary>
    public const int MaxFallbackText = 3000;
}
