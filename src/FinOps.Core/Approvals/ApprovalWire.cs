namespace FinOps.Core.Approvals;

/// <summary>The stable names of statuses and audit kinds, as stored, printed by the CLI and exported: one owner for both ways.</summary>
public static class ApprovalWire
{
    private static readonly (ApprovalEventKind Kind, string Name)[] Kinds =
    [
        (ApprovalEventKind.Requested, "requested"),
        (ApprovalEventKind.StepApproved, "step-approved"),
        (ApprovalEventKind.Approved, "approved"),
        (ApprovalEventKind.Denied, "denied"),
        (ApprovalEventKind.InfoRequested, "info-requested"),
        (ApprovalEventKind.Reminded, "reminded"),
        (ApprovalEventKind.Escalated, "escalated"),
        (ApprovalEventKind.Expired, "expired"),
        (ApprovalEventKind.CardPosted, "card-posted"),
    ];

    /// <summary><c>pending</c>, <c>approved</c>, <c>denied</c> or <c>expired</c>.</summary>
    public static string Name(ApprovalStatus status) => status switch
    {
        ApprovalStatus.Pending => "pending",
        ApprovalStatus.Approved => "approved",
        ApprovalStatus.Denied => "denied",
        ApprovalStatus.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown approval status."),
    };

    public static string Name(ApprovalEventKind kind) =>
        Kinds.First(k => k.Kind == kind).Name;

    /// <summary>The status named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static ApprovalStatus? ParseStatus(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "pending" => ApprovalStatus.Pending,
        "approved" => ApprovalStatus.Approved,
        "denied" => ApprovalStatus.Denied,
        "expired" => ApprovalStatus.Expired,
        _ => null,
    };

    public static ApprovalEventKind ParseKind(string name) =>
        Kinds.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.Ordinal)) is { Name: not null } found
            ? found.Kind
            : throw new FormatException($"Unknown approval audit kind '{name}'.");
}
