namespace FinOps.Core.Query;

/// <summary>Time bucket size of a trend. Weeks start on Monday; months are calendar months.</summary>
public enum Granularity
{
    Day,
    Week,
    Month,
}
