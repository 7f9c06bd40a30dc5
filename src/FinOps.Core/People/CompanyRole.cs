namespace FinOps.Core.People;

/// <summary>Company-wide roles from the <c>roles</c> section of <c>allocation.yaml</c>.</summary>
public enum CompanyRole
{
    /// <summary>FinOps or finance staff: sees every team's costs.</summary>
    Finance,

    /// <summary>Administrators of the bot: see every team's costs.</summary>
    Admin,
}
