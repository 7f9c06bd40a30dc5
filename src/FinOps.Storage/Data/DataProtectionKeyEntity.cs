namespace FinOps.Storage.Data;

/// <summary>
/// One ASP.NET Core Data Protection key (the XML its key manager writes). The table has the shape of
/// EF Core's <c>DataProtectionKey</c>, which the host maps onto it to read and write the key ring; the store only creates the
/// table (migrations) and copies keys in from the old home-folder location.
/// </summary>
public sealed class DataProtectionKeyEntity
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public string? Xml { get; set; }
}
