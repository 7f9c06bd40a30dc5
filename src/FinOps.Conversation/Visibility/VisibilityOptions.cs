namespace FinOps.Conversation.Visibility;

/// <summary>Who may see which team's costs in answers (section <c>Visibility</c>).</summary>
public sealed class VisibilityOptions
{
    public const string SectionName = "Visibility";

    /// <summary><see cref="VisibilityMode.Everyone"/> (default) or <see cref="VisibilityMode.OwnTeams"/>.</summary>
    public VisibilityMode Mode { get; set; } = VisibilityMode.Everyone;
}
