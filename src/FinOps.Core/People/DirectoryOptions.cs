namespace FinOps.Core.People;

/// <summary>Settings of person recognition (section <c>Directory</c>).</summary>
public sealed class DirectoryOptions
{
    public const string SectionName = "Directory";

    /// <summary>How long a platform lookup (Slack users.info, Teams member) is remembered; default 1 hour.</summary>
    public TimeSpan LookupCacheLifetime { get; set; } = TimeSpan.FromHours(1);
}
